using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Mfa;

public sealed class MfaTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public void The_test_authenticator_matches_the_RFC_6238_test_vector()
    {
        // RFC 6238 appendix B: SHA-1 key "12345678901234567890", T = 59 s gives 94287082 (8 digits).
        TestTotp.Code("12345678901234567890"u8.ToArray(), 59 / 30, 8).Should().Be("94287082");
    }

    [Fact]
    public async Task An_admin_gets_no_token_until_an_authenticator_is_enrolled_with_a_QR_code_and_a_real_code()
    {
        var admin = await api.CreateUser("admin");

        var first = await (await api.PostPassword(admin.Email, admin.Password)).Content.ReadFromJsonAsync<JsonElement>();
        first.GetProperty("status").GetString().Should().Be("mfa_enrollment_required");
        first.GetProperty("tokens").ValueKind.Should().Be(JsonValueKind.Null);
        var mfaToken = first.GetProperty("mfaToken").GetString();
        (await api.As(mfaToken!).GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an MFA token is not an access token");

        var setup = await (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa/enrollment", new { mfaToken })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = setup.GetProperty("sharedKey").GetString()!;
        setup.GetProperty("authenticatorUri").GetString().Should().StartWith("otpauth://totp/VoiceAssist:").And.Contain("secret=" + secret);
        var png = Convert.FromBase64String(setup.GetProperty("qrCodeDataUri").GetString()!.Replace("data:image/png;base64,", "", StringComparison.Ordinal));
        png.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);

        var wrong = await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa/enrollment/confirm", new { mfaToken, code = "000000" == TestTotp.Code(secret, factory.Time.GetUtcNow()) ? "111111" : "000000" });
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var confirmed = await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa/enrollment/confirm", new { mfaToken, code = TestTotp.Code(secret, factory.Time.GetUtcNow()) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        var tokens = IdentityApi.ToTokens(await confirmed.Content.ReadFromJsonAsync<JsonElement>());
        tokens.RecoveryCodes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        var me = await api.As(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me");
        me.GetProperty("mfaEnabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task With_MFA_on_the_password_alone_only_earns_an_MFA_token_and_a_TOTP_code_works_once()
    {
        var auditor = await api.CreateUser("auditor");
        await api.SignIn(auditor.Email, auditor.Password); // enrolls

        var step1 = await (await api.PostPassword(auditor.Email, auditor.Password)).Content.ReadFromJsonAsync<JsonElement>();
        step1.GetProperty("status").GetString().Should().Be("mfa_required");
        var code = api.NextCode(auditor.Email);
        var signedIn = await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = step1.GetProperty("mfaToken").GetString(), code });
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);

        var step2 = await (await api.PostPassword(auditor.Email, auditor.Password)).Content.ReadFromJsonAsync<JsonElement>();
        var replayed = await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = step2.GetProperty("mfaToken").GetString(), code });
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a TOTP code is good once (RFC 6238 section 5.2)");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var admin = await api.CreateUser("admin");
        var enrolled = await api.SignIn(admin.Email, admin.Password);
        var recoveryCode = enrolled.RecoveryCodes[3];

        async Task<HttpStatusCode> SignInWithRecoveryCode()
        {
            var step1 = await (await api.PostPassword(admin.Email, admin.Password)).Content.ReadFromJsonAsync<JsonElement>();
            return (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = step1.GetProperty("mfaToken").GetString(), recoveryCode = recoveryCode.ToLowerInvariant() })).StatusCode;
        }

        (await SignInWithRecoveryCode()).Should().Be(HttpStatusCode.OK);
        (await SignInWithRecoveryCode()).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_MFA_needs_the_password_again_and_an_admin_cannot_turn_it_off()
    {
        var admin = await api.CreateUser("admin");
        var client = api.As((await api.SignIn(admin.Email, admin.Password)).AccessToken);

        var noPassword = await client.PostAsJsonAsync("/api/identity/me/mfa/recovery-codes", new { code = api.NextCode(admin.Email) });
        noPassword.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await noPassword.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Re-authentication failed.");

        var disable = await client.PostAsJsonAsync("/api/identity/me/mfa/disable", new { password = admin.Password, code = api.NextCode(admin.Email) });
        disable.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("mfaEnabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_clinician_enrolls_MFA_voluntarily_after_re_authenticating_and_can_turn_it_off_again()
    {
        var clinician = await api.CreateUser("clinician");
        var client = api.As((await api.SignIn(clinician.Email, clinician.Password)).AccessToken);

        (await client.PostAsJsonAsync("/api/identity/me/mfa/totp", new { password = "a wrong password guess" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var setup = await (await client.PostAsJsonAsync("/api/identity/me/mfa/totp", new { password = clinician.Password })).Content.ReadFromJsonAsync<JsonElement>();
        factory.Authenticators[clinician.Email] = (setup.GetProperty("sharedKey").GetString()!, -1);
        var confirmed = await client.PostAsJsonAsync("/api/identity/me/mfa/totp/confirm", new { code = api.NextCode(clinician.Email) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength().Should().Be(10);

        var step1 = await (await api.PostPassword(clinician.Email, clinician.Password)).Content.ReadFromJsonAsync<JsonElement>();
        step1.GetProperty("status").GetString().Should().Be("mfa_required");

        var disabled = await client.PostAsJsonAsync("/api/identity/me/mfa/disable", new { password = clinician.Password, code = api.NextCode(clinician.Email) });
        disabled.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await (await api.PostPassword(clinician.Email, clinician.Password)).Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("status").GetString().Should().Be("signed_in");
    }
}
