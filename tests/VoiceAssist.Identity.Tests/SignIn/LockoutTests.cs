using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.SignIn;

/// <summary>Five failures from one client address lock sign-in to the account from that address for a bounded time
/// (<c>Identity:Lockout:Duration</c>, 15 minutes), whichever way the user was proving who they are; a locked sign-in
/// gets the same bare 401 even with the right secret. Other addresses are never locked by it, the lock cannot be
/// stretched, the user is told, and an administrator can lift it.</summary>
public sealed class LockoutTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IDisposable
{
    private const string Attacker = "203.0.113.7";
    private const string Owner = "198.51.100.20";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(15);

    private readonly IdentityApi api = new(factory);

    public void Dispose() => factory.Time.Reset();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_the_bound_then_it_signs_in_again()
    {
        var user = await api.CreateUser("clinician");

        for (var i = 0; i < 5; i++)
        {
            (await api.PostPassword(user.Email, "wrong password number " + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        factory.Time.Advance(Bound - TimeSpan.FromSeconds(5));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the lock lasts its bound");
        factory.Time.Advance(TimeSpan.FromSeconds(6));
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await OutboxTypes()).Should().Contain(["UserLockedOut", "SignInFailed"]);
    }

    [Fact]
    public async Task A_trickle_of_wrong_passwords_from_one_address_never_keeps_a_sign_in_from_another_address_out()
    {
        var user = await api.CreateUser("admin");
        await api.SignIn(user.Email, user.Password); // enrolls the authenticator

        for (var round = 0; round < 24; round++)
        {
            // A burst that locks the attacker's address, then one more guess every twenty minutes.
            for (var i = 0; i < 6; i++)
            {
                (await api.PostPassword(user.Email, $"guess {round}-{i}", from: Attacker)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }

            (await api.PostPassword(user.Email, user.Password, from: Attacker)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the attacker's address is locked");
            var owner = await api.PostPassword(user.Email, user.Password, from: Owner);
            owner.StatusCode.Should().Be(HttpStatusCode.OK, $"round {round}: the owner's address was never locked");
            factory.Time.Advance(TimeSpan.FromMinutes(20));
        }
    }

    [Fact]
    public async Task Attempts_during_a_lockout_neither_count_nor_extend_it_and_the_count_starts_again_after_it()
    {
        var user = await api.CreateUser("viewer");
        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i, from: Attacker);
        }

        for (var minute = 0; minute < 14; minute++)
        {
            await api.PostPassword(user.Email, "guess while locked " + minute, from: Attacker);
            factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        factory.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        // Four more failures after the lock ended do not lock again: the count started from nothing.
        for (var i = 0; i < 4; i++)
        {
            await api.PostPassword(user.Email, "after the lock " + i, from: Attacker);
        }

        (await api.PostPassword(user.Email, user.Password, from: Attacker)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_slow_trickle_below_the_threshold_never_locks()
    {
        var user = await api.CreateUser("viewer");
        for (var i = 0; i < 24; i++)
        {
            await api.PostPassword(user.Email, "one guess an hour " + i, from: Attacker);
            factory.Time.Advance(TimeSpan.FromHours(1));
        }

        (await api.PostPassword(user.Email, user.Password, from: Attacker)).StatusCode.Should().Be(HttpStatusCode.OK, "failures older than the bound are forgotten");
    }

    [Fact]
    public async Task The_user_is_told_of_a_lock_with_the_address_and_its_end()
    {
        var user = await api.CreateUser("clinician");
        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i, from: Attacker);
        }

        var lockedAt = factory.Time.GetUtcNow();
        var tokens = await SignInFrom(user, Owner);
        var notices = await api.As(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me/security-notices");
        var notice = notices.EnumerateArray().Should().ContainSingle().Subject;
        notice.GetProperty("kind").GetString().Should().Be("sign_in_locked");
        notice.GetProperty("clientAddress").GetString().Should().Be(Attacker);
        notice.GetProperty("until").GetDateTimeOffset().Should().BeCloseTo(lockedAt + Bound, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_administrator_unlocks_over_the_API_and_nobody_else_can()
    {
        var user = await api.CreateUser("clinician");
        var other = await api.CreateUser("clinician");
        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var clinician = api.As((await api.SignIn(other.Email, other.Password)).AccessToken);
        (await clinician.PostAsJsonAsync($"/api/identity/users/{user.Id}/unlock", new { reason = "not mine to lift" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "still locked");

        var admin = api.As((await api.SignInAdmin()).AccessToken);
        (await admin.PostAsJsonAsync($"/api/identity/users/{user.Id}/unlock", new { reason = "Called the service desk" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/identity/users/{Guid.NewGuid()}/unlock", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
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
        factory.Time.Advance(Bound + TimeSpan.FromSeconds(1));
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

        factory.Time.Advance(Bound / 2);
        var token = await MfaTokenUnchecked(user);
        token.Should().BeNull("the password step is refused too while locked");
        factory.Time.Advance(Bound / 2 + TimeSpan.FromSeconds(1));
        var afterLock = await MfaToken(user);
        (await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = afterLock, recoveryCode = enrolled.RecoveryCodes[0] }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_lock_does_not_end_the_owners_sessions()
    {
        var user = await api.CreateUser("clinician");
        var tokens = await api.SignIn(user.Email, user.Password);

        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Refresh(tokens.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK, "guessing must not become a way to throw the owner out");
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

    private async Task<Support.Tokens> SignInFrom(TestUser user, string from)
    {
        var response = await api.PostPassword(user.Email, user.Password, from);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return IdentityApi.ToTokens(await response.Content.ReadFromJsonAsync<JsonElement>());
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
