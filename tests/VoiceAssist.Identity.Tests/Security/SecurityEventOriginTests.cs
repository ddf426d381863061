using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Security;

/// <summary>The audit trail says where an attack came from: identity security events carry the client address and
/// correlation id of their request, and a refusal by a role policy (403) is audited, on the API and on the console's
/// pages alike.</summary>
public sealed class SecurityEventOriginTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private const string Address = "203.0.113.45";

    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task A_failed_sign_in_is_audited_with_the_client_address_and_correlation_id()
    {
        var user = await api.CreateUser("clinician");
        var correlation = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/token") { Content = JsonContent.Create(new { email = user.Email, password = "not the password" }) };
        request.Headers.Add(TestClientAddress.Header, Address);
        request.Headers.Add("X-Correlation-Id", correlation);
        (await api.Anonymous.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var entry = await Entry("identity.user.sign_in_failed", correlation);
        entry.Should().Be($"{Address}|{user.Id}|failed");
    }

    [Fact]
    public async Task A_refusal_by_a_role_policy_on_the_API_is_audited_with_who_what_and_where_from()
    {
        var clinician = await api.CreateUser("clinician");
        var tokens = await api.SignIn(clinician.Email, clinician.Password);
        var correlation = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/users")
        {
            Content = JsonContent.Create(new { email = "someone@hospital.example", displayName = "Someone", role = "admin" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.Add(TestClientAddress.Header, Address);
        request.Headers.Add("X-Correlation-Id", correlation);
        (await factory.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await Entry("identity.access.denied", correlation)).Should().Be($"{Address}|{clinician.Id}|forbidden");
        (await AuditTrail.Read(factory.DatabaseConnectionString, "resource_id || ' ' || reason || ' ' || actor_role || ' ' || session_id", "correlation_id = @value", correlation))
            .Should().Equal($"POST /api/identity/users identity:account-admin clinician {tokens.SessionId}");
    }

    [Fact]
    public async Task A_refusal_of_a_console_page_is_audited()
    {
        var clinician = await api.CreateUser("clinician");
        var page = new PageClient(factory);
        (await page.SignIn(clinician.Email, clinician.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        var correlation = Guid.NewGuid().ToString("N");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        request.Headers.Add("Cookie", $"{page.Cookie!.Value.Name}={page.Cookie.Value.Value}");
        request.Headers.Add(TestClientAddress.Header, Address);
        request.Headers.Add("X-Correlation-Id", correlation);
        var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeFalse();

        (await Entry("identity.access.denied", correlation)).Should().Be($"{Address}|{clinician.Id}|forbidden");
        (await AuditTrail.Read(factory.DatabaseConnectionString, "resource_id", "correlation_id = @value", correlation)).Should().Equal("GET /admin/users");
    }

    /// <summary>The entry of <paramref name="action"/> under the correlation id, once the outbox has delivered it:
    /// client address, actor and outcome.</summary>
    private async Task<string> Entry(string action, string correlation)
    {
        var rows = await Eventually.Until(
            () => AuditTrail.Read(factory.DatabaseConnectionString, $"coalesce(client_ip, '') || '|' || coalesce(actor_id, '') || '|' || coalesce(outcome, '')", $"action = '{action}' AND correlation_id = @value", correlation),
            found => found.Count > 0,
            because: $"{action} reaches the audit trail");
        return rows.Should().ContainSingle().Subject;
    }
}
