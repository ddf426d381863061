using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Support;

internal sealed record Tokens(string AccessToken, string RefreshToken, Guid SessionId, IReadOnlyList<string> RecoveryCodes);

internal sealed record TestUser(Guid Id, string Email, string Password, string Role);

/// <summary>Drives the Identity API over HTTP the way a client would: sign-in with its MFA steps, invitations, and an
/// authenticator that computes real RFC 6238 codes.</summary>
internal sealed class IdentityApi(IdentityFactory factory)
{
    private readonly HttpClient anonymous = factory.CreateClient();

    public HttpClient Anonymous => anonymous;

    public HttpClient As(string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public Task<HttpResponseMessage> PostPassword(string email, string password) =>
        anonymous.PostAsJsonAsync("/api/identity/token", new { email, password });

    /// <summary>The password step sent from the client address <paramref name="from"/>.</summary>
    public async Task<HttpResponseMessage> PostPassword(string email, string password, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/token") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(TestClientAddress.Header, from);
        return await anonymous.SendAsync(request);
    }

    /// <summary>Signs in all the way, enrolling an authenticator or answering with a TOTP code as asked.</summary>
    public async Task<Tokens> SignIn(string email, string password)
    {
        var response = await PostPassword(email, password);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        switch (body.GetProperty("status").GetString())
        {
            case "signed_in":
                return ToTokens(body);
            case "mfa_required":
            {
                var mfa = await anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken = body.GetProperty("mfaToken").GetString(), code = NextCode(email) });
                mfa.StatusCode.Should().Be(HttpStatusCode.OK, await mfa.Content.ReadAsStringAsync());
                return ToTokens(await mfa.Content.ReadFromJsonAsync<JsonElement>());
            }

            default:
            {
                var mfaToken = body.GetProperty("mfaToken").GetString();
                var setup = await (await anonymous.PostAsJsonAsync("/api/identity/token/mfa/enrollment", new { mfaToken })).Content.ReadFromJsonAsync<JsonElement>();
                factory.Authenticators[email] = (setup.GetProperty("sharedKey").GetString()!, -1);
                var confirm = await anonymous.PostAsJsonAsync("/api/identity/token/mfa/enrollment/confirm", new { mfaToken, code = NextCode(email) });
                confirm.StatusCode.Should().Be(HttpStatusCode.OK, await confirm.Content.ReadAsStringAsync());
                return ToTokens(await confirm.Content.ReadFromJsonAsync<JsonElement>());
            }
        }
    }

    public async Task<Tokens> SignInAdmin() =>
        factory.AdminTokens ??= await SignIn(IdentityFactory.AdminEmail, IdentityFactory.AdminPassword);

    /// <summary>An administrator invites the user; the user accepts with a password of their own.</summary>
    public async Task<TestUser> CreateUser(string role, string? email = null)
    {
        var admin = As((await SignInAdmin()).AccessToken);
        email ??= $"{role}.{Guid.NewGuid():N}@hospital.example";
        var created = await admin.PostAsJsonAsync("/api/identity/users", new { email, displayName = "Dr Test " + role, role });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var password = $"amber {Guid.NewGuid():N} harbour";
        var accepted = await anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token = user.GetProperty("invitationToken").GetString(), password });
        accepted.StatusCode.Should().Be(HttpStatusCode.NoContent, await accepted.Content.ReadAsStringAsync());
        return new TestUser(user.GetProperty("id").GetGuid(), email, password, role);
    }

    public string Secret(string email) => factory.Authenticators[email].Secret;

    /// <summary>A code the server has not seen for this user: the current 30-second step, or the next one when the
    /// current one was used (waiting for time to move on when both were).</summary>
    public string NextCode(string email)
    {
        var (secret, last) = factory.Authenticators[email];
        while (true)
        {
            var now = factory.Time.GetUtcNow();
            var current = now.ToUnixTimeSeconds() / 30;
            var step = Math.Max(current, last + 1);
            if (step <= current + 1)
            {
                factory.Authenticators[email] = (secret, step);
                return TestTotp.Code(TestTotp.Base32Decode(secret), step, 6);
            }

            Thread.Sleep(TimeSpan.FromSeconds(30 - now.ToUnixTimeSeconds() % 30 + 0.2));
        }
    }

    /// <summary>A well-formed code that is certainly wrong now: the code of a step far in the past.</summary>
    public string WrongCode(string email)
    {
        var secret = factory.Authenticators[email].Secret;
        var now = factory.Time.GetUtcNow().ToUnixTimeSeconds() / 30;
        var valid = Enumerable.Range(-1, 3).Select(d => TestTotp.Code(TestTotp.Base32Decode(secret), now + d, 6)).ToHashSet();
        return Enumerable.Range(100, 50).Select(back => TestTotp.Code(TestTotp.Base32Decode(secret), now - back, 6)).First(code => !valid.Contains(code));
    }

    public async Task<HttpResponseMessage> Refresh(string refreshToken) =>
        await anonymous.PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken });

    public static Tokens ToTokens(JsonElement body)
    {
        var tokens = body.GetProperty("tokens");
        var codes = body.TryGetProperty("recoveryCodes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(c => c.GetString()!).ToList()
            : [];
        return new Tokens(tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!, tokens.GetProperty("sessionId").GetGuid(), codes);
    }
}
