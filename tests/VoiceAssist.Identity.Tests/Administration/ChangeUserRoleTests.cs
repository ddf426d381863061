using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>The console's role change: the same change as the API's (sessions end, <see cref="UserRoleChanged"/>
/// recorded), with a required reason and the role before and after in the audit trail.</summary>
public sealed class ChangeUserRoleTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task The_role_changes_the_sessions_end_and_the_change_is_audited_with_its_reason()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Viewer);
        var before = await api.SignIn(user.Email, user.Password);

        await console.Send(new ChangeUserRole(user.Id, Roles.Clinician, "Started clinical duties"));

        (await api.As(before.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var after = await api.SignIn(user.Email, user.Password);
        (await api.As(after.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("role").GetString().Should().Be(Roles.Clinician);
        (await IdentityOutbox.Payloads(factory.DatabaseConnectionString, nameof(UserRoleChanged)))
            .Should().ContainSingle(p => p.Contains(user.Id.ToString(), StringComparison.Ordinal));
        var audit = (await console.AuditEntries(user.Id, "identity.user.role_changed", count: 2))
            .Single(e => e.Before is not null);
        audit.Reason.Should().Be("Started clinical duties");
        audit.Before.Should().Be("""{"role":"viewer"}""");
        audit.After.Should().Be("""{"role":"clinician"}""");
        audit.Actor.Should().Be((await console.Administrator()).UserId.ToString());
    }

    [Fact]
    public async Task The_same_role_again_changes_nothing()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Viewer);
        var tokens = await api.SignIn(user.Email, user.Password);

        await console.Send(new ChangeUserRole(user.Id, Roles.Viewer, "No change really"));

        (await api.As(tokens.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_cannot_demote_themselves_and_a_reason_and_a_known_role_are_required()
    {
        var console = new AdminConsole(factory, api);
        var me = await console.Administrator();
        var demote = () => console.Send(new ChangeUserRole(me.UserId, Roles.Viewer, "Stepping down"));
        (await demote.Should().ThrowAsync<ConflictException>()).WithMessage("You cannot change the role of your own account*");

        var user = await api.CreateUser(Roles.Viewer);
        var bad = () => console.Send(new ChangeUserRole(user.Id, "superuser", ""));
        (await bad.Should().ThrowAsync<ValidationException>()).Which.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo(["Role", "Reason"]);
        (await console.Send(new GetUser(user.Id))).Role.Should().Be(Roles.Viewer);
        (await console.Send(new GetUser(me.UserId))).Role.Should().Be(Roles.Admin);
    }
}
