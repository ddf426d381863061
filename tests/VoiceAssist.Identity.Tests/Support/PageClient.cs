using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>What the clinician page does over HTTP, as a browser would: it keeps the session cookie the host sets
/// (and nothing else), and every request carries the page's own <c>Origin</c> unless a test says otherwise.</summary>
internal sealed class PageClient
{
    private readonly HttpClient http;
    private readonly string origin;

    public PageClient(IdentityFactory factory, string origin = "http://localhost")
    {
        this.origin = origin;
        http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), HandleCookies = false, AllowAutoRedirect = false });
    }

    /// <summary>The session cookie's name and value as the browser holds them; null when it holds none.</summary>
    public (string Name, string Value)? Cookie { get; set; }

    /// <summary>The raw <c>Set-Cookie</c> header of the last response that set or deleted the session cookie.</summary>
    public string? LastSetCookie { get; private set; }

    public Task<HttpResponseMessage> SignIn(string email, string password, string? code = null, string? recoveryCode = null) =>
        Post("/api/identity/session", new { email, password, code, recoveryCode });

    public Task<HttpResponseMessage> AccessToken(bool active = false, string? fromOrigin = null) =>
        Post("/api/identity/session/access-token", new { active }, fromOrigin);

    /// <summary>An access token from the session, which must be live.</summary>
    public async Task<string> Token(bool active = false)
    {
        var response = await AccessToken(active);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public Task<HttpResponseMessage> Logout(string? fromOrigin = null) => Post("/api/identity/session/logout", new { }, fromOrigin);

    /// <summary>Sends the request with the page's origin, <paramref name="fromOrigin"/> instead, or (with "") none.</summary>
    public async Task<HttpResponseMessage> Post(string path, object body, string? fromOrigin = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        var sentOrigin = fromOrigin ?? origin;
        if (sentOrigin.Length > 0)
        {
            request.Headers.Add("Origin", sentOrigin);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        if (Cookie is { } cookie)
        {
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        }

        var response = await http.SendAsync(request);
        Keep(response.Headers);
        return response;
    }

    private void Keep(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var header in values.Where(v => v.Contains("voiceassist-session=", StringComparison.Ordinal)))
        {
            LastSetCookie = header;
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            var value = pair[(name.Length + 1)..];
            var deleted = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
            Cookie = deleted ? null : (name, value);
        }
    }
}
