using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.SignIn;

/// <summary>Five failures lock the account (1 minute, doubling with each further failure), whichever way the user
/// was proving who they are; a locked account gets the same bare 401 even with the right secret.</summary>
public sealed class LockoutTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IDisposable
{
    private readonly IdentityApi api = new(factory);

    public void Dispose() => factory.Time.Reset();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_a_minute_then_it_signs_in_again()
    {
        var user = await api.CreateUser("clinician");

        for (var i = 0; i < 5; i++)
        {
            (await api.PostPassword(user.Email, "wrong password number " + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await OutboxTypes()).Should().Contain(["UserLockedOut", "SignInFailed"]);
    }

    [Fact]
    public async Task Each_failure_after_a_lockout_doubles_the_next_one()
    {
        var user = await api.CreateUser("viewer");
        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i);
        }

        factory.Time.Advance(TimeSpan.FromSeconds(61));
        (await api.PostPassword(user.Email, "wrong once more")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the second lockout lasts two minutes");
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Attempts_during_a_lockout_do_not_extend_it()
    {
        var user = await api.CreateUser("viewer");
        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i);
        }

        for (var i = 0; i < 10; i++)
        {
            await api.PostPassword(user.Email, "guess while locked " + i);
        }

        factory.Time.Advance(TimeSpan.FromSeconds(61));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_TOTP_codes_lock_the_account_even_with_the_right_password_in_between()
    {
        var user = await api.CreateUser("admin");
        await api.SignIn(user.Email, user.Password); // enrolls the authenticator

        for (var i = 0; i < 5; i++)
        {
            var mfaToken = await MfaToken(user);
            (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken, code = api.WrongCode(user.Email) }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        var token = await MfaToken(user);
        (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = token, code = api.NextCode(user.Email) })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_locked_account_cannot_complete_a_pending_TOTP_step_with_the_right_code()
    {
        var user = await api.CreateUser("auditor");
        await api.SignIn(user.Email, user.Password);
        var pending = await MfaToken(user);

        for (var i = 0; i < 5; i++)
        {
            await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = pending, code = api.WrongCode(user.Email) });
        }

        (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = pending, code = api.NextCode(user.Email) }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account_and_a_right_one_is_refused_while_locked()
    {
        var user = await api.CreateUser("admin");
        var enrolled = await api.SignIn(user.Email, user.Password);

        for (var i = 0; i < 5; i++)
        {
            var mfaToken = await MfaToken(user);
            (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken, recoveryCode = $"AAAA-BBBB-CCCC-{i:D4}" }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var token = await MfaTokenUnchecked(user);
        token.Should().BeNull("the password step is refused too while locked");
        factory.Time.Advance(TimeSpan.FromSeconds(31));
        var afterLock = await MfaToken(user);
        (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = afterLock, recoveryCode = enrolled.RecoveryCodes[0] }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_locked_account_cannot_refresh_its_session()
    {
        var user = await api.CreateUser("clinician");
        var tokens = await api.SignIn(user.Email, user.Password);

        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i);
        }

        (await api.Refresh(tokens.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        (await api.Refresh(tokens.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK, "the refresh token was refused, not spent, while locked");
    }

    [Fact]
    public async Task Failed_re_authentication_counts_toward_the_lockout()
    {
        var user = await api.CreateUser("clinician");
        var client = api.As((await api.SignIn(user.Email, user.Password)).AccessToken);

        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/identity/me/mfa/totp", new { password = "stolen token, no password " + i })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> MfaToken(TestUser user) =>
        await MfaTokenUnchecked(user) ?? throw new InvalidOperationException("The password step failed.");

    private async Task<string?> MfaTokenUnchecked(TestUser user)
    {
        var response = await api.PostPassword(user.Email, user.Password);
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaToken").GetString()
            : null;
    }

    private async Task<List<string>> OutboxTypes() => [.. (await IdentityOutbox.Events(factory.DatabaseConnectionString)).Select(e => e.Type)];
}
