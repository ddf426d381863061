using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>Resetting MFA removes the authenticator and recovery codes, ends the sessions, and makes a role that needs
/// MFA enrol again at the next sign-in; it needs a reason, and the audit holds counts, never a secret.</summary>
public sealed class ResetUserMfaTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task After_a_reset_the_old_authenticator_is_gone_sessions_end_and_the_next_sign_in_enrols_again()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Auditor);
        var tokens = await api.SignIn(user.Email, user.Password); // enrols an authenticator, gets recovery codes
        tokens.RecoveryCodes.Should().HaveCount(10);
        (await console.Send(new GetUser(user.Id))).MfaEnabled.Should().BeTrue();

        var reset = await console.Send(new ResetUserMfa(user.Id, "Phone lost, identity checked in person"));

        reset.Should().Be(new MfaReset(AuthenticatorRemoved: true, RecoveryCodesRemoved: 10, PasskeysRemoved: 0, SessionsEnded: 1));
        (await api.As(tokens.AccessToken).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var detail = await console.Send(new GetUser(user.Id));
        detail.MfaEnabled.Should().BeFalse();
        detail.RecoveryCodesLeft.Should().Be(0);
        var step = await (await api.PostPassword(user.Email, user.Password)).Content.ReadFromJsonAsync<JsonElement>();
        step.GetProperty("status").GetString().Should().Be("mfa_enrollment_required", "an auditor must have MFA");
        (await IdentityOutbox.Payloads(factory.DatabaseConnectionString, nameof(MfaDisabled))).Should().Contain(p => p.Contains(user.Id.ToString(), StringComparison.Ordinal));

        var audit = (await console.AuditEntries(user.Id, "identity.user.mfa_reset")).Single();
        audit.Reason.Should().Be("Phone lost, identity checked in person");
        audit.Before.Should().Be("""{"mfaEnabled":true,"recoveryCodes":10,"passkeys":0}""");
        audit.After.Should().Be("""{"mfaEnabled":false,"recoveryCodes":0,"passkeys":0,"sessionsEnded":1}""");
        foreach (var code in tokens.RecoveryCodes)
        {
            (audit.Before + audit.After).Should().NotContain(code);
        }
    }

    [Fact]
    public async Task A_reset_needs_a_reason()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Admin);
        await api.SignIn(user.Email, user.Password);

        var reset = () => console.Send(new ResetUserMfa(user.Id, ""));

        (await reset.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.PropertyName == "Reason");
        (await console.Send(new GetUser(user.Id))).MfaEnabled.Should().BeTrue("nothing changed");
    }
}
