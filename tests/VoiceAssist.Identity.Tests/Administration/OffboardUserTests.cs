using System.Net;
using System.Text.Json;
using Npgsql;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>Offboarding states what happens to each kind of the user's data before it is done, then does exactly
/// that: sessions end (voice sockets close), credentials and the account are deleted, emergency access records and the
/// audit trail stay, and <see cref="UserOffboarded"/> is published for the modules holding the user's records.</summary>
public sealed class OffboardUserTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task The_plan_states_each_consequence_and_offboarding_does_it()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Clinician);
        var tokens = await api.SignIn(user.Email, user.Password);
        await console.Send(new GrantEmergencyAccess(user.Id, EmergencyAccessResources.Conversation, Guid.NewGuid(), Guid.NewGuid().ToString(), "Patient collapsed in clinic, record needed"));

        var plan = await console.Send(new DescribeOffboarding(user.Id));

        plan.Email.Should().Be(user.Email);
        var consequences = plan.Consequences.ToDictionary(c => c.Data);
        consequences["Sessions"].Should().Match<OffboardingConsequence>(c => c.Count == 1 && c.Outcome == OffboardingOutcome.Ended);
        consequences["Account"].Outcome.Should().Be(OffboardingOutcome.Deleted);
        consequences["Passkeys"].Should().Match<OffboardingConsequence>(c => c.Count == 0 && c.Outcome == OffboardingOutcome.Deleted);
        consequences["Audit trail"].Outcome.Should().Be(OffboardingOutcome.Kept);
        consequences["Emergency access records"].Should().Match<OffboardingConsequence>(c => c.Count == 1 && c.Outcome == OffboardingOutcome.Kept);
        consequences["Conversations and recordings"].Should().Match<OffboardingConsequence>(c => c.Count == null && c.Outcome == OffboardingOutcome.Deleted);
        consequences["Patient documents"].Outcome.Should().Be(OffboardingOutcome.Deleted);
        (await Count($"SELECT count(*) FROM identity.users WHERE id = '{user.Id}'")).Should().Be(1, "describing changes nothing");

        var done = await console.Send(new OffboardUser(user.Id, "Contract ended 5 December"));

        done.Consequences.Should().BeEquivalentTo(plan.Consequences);
        (await api.As(tokens.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Count($"SELECT count(*) FROM identity.users WHERE id = '{user.Id}'")).Should().Be(0);
        (await Count($"SELECT count(*) FROM identity.sessions WHERE user_id = '{user.Id}'")).Should().Be(0);
        (await Count($"SELECT count(*) FROM identity.invitations WHERE user_id = '{user.Id}'")).Should().Be(0);
        (await Count($"SELECT count(*) FROM identity.emergency_access_grants WHERE user_id = '{user.Id}'")).Should().Be(1);
        var events = await IdentityOutbox.Events(factory.DatabaseConnectionString);
        events.Should().Contain(e => e.Type == nameof(SessionRevoked) && e.Payload.Contains(tokens.SessionId.ToString(), StringComparison.Ordinal)
            && e.Payload.Contains(RevocationReason.AccountDeleted, StringComparison.Ordinal));
        var offboarded = JsonDocument.Parse(events.Single(e => e.Type == nameof(UserOffboarded)).Payload).RootElement;
        offboarded.GetProperty("userId").GetGuid().Should().Be(user.Id);
        offboarded.GetProperty("actorId").GetGuid().Should().Be((await console.Administrator()).UserId);

        var audit = (await console.AuditEntries(user.Id, "identity.user.offboarded")).Single();
        audit.Reason.Should().Be("Contract ended 5 December");
        audit.Before.Should().StartWith("""{"role":"clinician","status":"active","consequences":[""");
        audit.After.Should().BeNull();
        (await console.AuditEntries(user.Id, "identity.user.created")).Should().ContainSingle("the trail keeps what it held about the account");

        (await console.Send(new InviteUser(user.Email, "Returning Colleague", Roles.Viewer))).UserId.Should().NotBe(user.Id, "the address can be invited again");
    }

    [Fact]
    public async Task An_administrator_cannot_offboard_themselves()
    {
        var console = new AdminConsole(factory, api);
        var me = await console.Administrator();

        var offboard = () => console.Send(new OffboardUser(me.UserId, "Leaving"));

        (await offboard.Should().ThrowAsync<ConflictException>()).WithMessage("You cannot delete your own account*");
        (await Count($"SELECT count(*) FROM identity.users WHERE id = '{me.UserId}'")).Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_account_is_not_found()
    {
        var console = new AdminConsole(factory, api);
        var offboard = () => console.Send(new OffboardUser(Guid.NewGuid(), "Nobody"));
        await offboard.Should().ThrowAsync<NotFoundException>();
    }

    private async Task<long> Count(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
