using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>A disabled account cannot sign in by any path, its sessions end at once (with the events that close voice
/// sockets), and enabling it again lets the user sign in as before; both changes are audited with their reason.</summary>
public sealed class DisableUserTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);
    private AdminConsole Console => new(factory, api);

    [Fact]
    public async Task A_disabled_user_is_refused_by_password_refresh_page_session_and_existing_tokens_and_their_sessions_end()
    {
        var console = Console;
        var user = await api.CreateUser(Roles.Clinician);
        var tokens = await api.SignIn(user.Email, user.Password);
        var page = new PageClient(factory);
        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        var pageToken = await page.Token();

        await console.Send(new DisableUser(user.Id, "Left the trust on 30 November"));

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the right password does not open a disabled account");
        (await api.Refresh(tokens.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await page.AccessToken()).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the page's cookie session has ended");
        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.As(tokens.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.As(pageToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var revoked = (await IdentityOutbox.Payloads(factory.DatabaseConnectionString, nameof(SessionRevoked)))
            .Select(p => JsonDocument.Parse(p).RootElement)
            .Where(e => e.GetProperty("userId").GetGuid() == user.Id)
            .ToList();
        revoked.Select(e => e.GetProperty("reason").GetString()).Should().Equal(RevocationReason.AccountDisabled, RevocationReason.AccountDisabled);
        revoked.Select(e => e.GetProperty("sessionId").GetGuid()).Should().Contain(tokens.SessionId);
        (await IdentityOutbox.Payloads(factory.DatabaseConnectionString, nameof(SignInFailed)))
            .Should().Contain(p => p.Contains(user.Id.ToString(), StringComparison.Ordinal) && p.Contains(FailureReason.AccountDisabled, StringComparison.Ordinal));

        var detail = await console.Send(new GetUser(user.Id));
        detail.Status.Should().Be(UserStatus.Disabled);
        detail.ActiveSessions.Should().Be(0);
        var audit = (await console.AuditEntries(user.Id, "identity.user.disabled")).Single();
        audit.Actor.Should().Be((await console.Administrator()).UserId.ToString());
        audit.Reason.Should().Be("Left the trust on 30 November");
        audit.Before.Should().Be("""{"status":"active"}""");
        audit.After.Should().Be("""{"status":"disabled","sessionsEnded":2}""");
    }

    [Fact]
    public async Task An_mfa_step_begun_before_the_account_was_disabled_cannot_be_completed()
    {
        var console = Console;
        var user = await api.CreateUser(Roles.Admin);
        await api.SignIn(user.Email, user.Password); // enrolls the authenticator
        var step = await (await api.PostPassword(user.Email, user.Password)).Content.ReadFromJsonAsync<JsonElement>();
        step.GetProperty("status").GetString().Should().Be("mfa_required");

        await console.Send(new DisableUser(user.Id, "Account compromised"));

        var completed = await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = step.GetProperty("mfaToken").GetString(), code = api.NextCode(user.Email) });
        completed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_re_enabled_user_signs_in_again_with_the_same_password()
    {
        var console = Console;
        var user = await api.CreateUser(Roles.Viewer);
        await console.Send(new DisableUser(user.Id, "On extended leave"));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await console.Send(new EnableUser(user.Id, "Back from leave"));

        var tokens = await api.SignIn(user.Email, user.Password);
        (await api.As(tokens.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        var page = new PageClient(factory);
        (await page.SignIn(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await console.Send(new GetUser(user.Id))).Status.Should().Be(UserStatus.Active);
        var audit = (await console.AuditEntries(user.Id, "identity.user.enabled")).Single();
        audit.Reason.Should().Be("Back from leave");
        audit.Before.Should().Be("""{"status":"disabled"}""");
        audit.After.Should().Be("""{"status":"active"}""");
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        var console = Console;
        var me = await console.Administrator();

        var disable = () => console.Send(new DisableUser(me.UserId, "Testing what happens"));

        (await disable.Should().ThrowAsync<ConflictException>()).WithMessage("You cannot disable your own account*");
        (await console.Send(new GetUser(me.UserId))).Status.Should().Be(UserStatus.Active);
    }

    [Fact]
    public async Task Disabling_needs_a_reason_and_an_administrator()
    {
        var console = Console;
        var user = await api.CreateUser(Roles.Clinician);

        var withoutReason = () => console.Send(new DisableUser(user.Id, "  "));
        (await withoutReason.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.PropertyName == "Reason");

        var clinician = await api.CreateUser(Roles.Clinician);
        var byClinician = () => console.Send(new DisableUser(user.Id, "Not mine to decide"), new Caller(clinician.Id, Guid.NewGuid(), Roles.Clinician));
        await byClinician.Should().ThrowAsync<ForbiddenException>();

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "nothing changed");
    }
}
