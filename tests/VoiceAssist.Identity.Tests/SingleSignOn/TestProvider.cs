using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>A real OpenID Connect provider (the npm package oidc-provider) on a loopback port, run by node from
/// SingleSignOn/node. The tests hold its signing key, so they can also sign tokens that differ from a real one in
/// exactly one respect.</summary>
public sealed class TestProvider : IDisposable
{
    public const string ClientId = "voiceassist";
    public const string ClientSecret = "test-client-secret-0123456789abcdef0123456789";
    public const string ApiAudience = "urn:voiceassist:api";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool disposed;

    public TestProvider(int hostPort)
    {
        Port = LocalProcess.FreePort();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(SigningKey) { KeyId = KeyId });
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", kid = KeyId, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E, d = jwk.D, p = jwk.P, q = jwk.Q, dp = jwk.DP, dq = jwk.DQ, qi = jwk.QI } },
        });
        var start = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = NodeFolder(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_REDIRECT_URI"] = $"http://127.0.0.1:{hostPort}/api/identity/sso/hospital/callback";
        start.Environment["OIDC_POST_LOGOUT_REDIRECT_URI"] = $"http://127.0.0.1:{hostPort}/";
        start.Environment["OIDC_JWKS"] = jwks;
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (http.GetAsync(new Uri(Issuer + "/.well-known/openid-configuration")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new InvalidOperationException("The OpenID Connect provider did not start (run scripts/install-node-deps.sh): " + Output);
            }

            Thread.Sleep(200);
        }
    }

    public const string KeyId = "provider-key-1";

    public int Port { get; }

    public string Issuer => $"http://127.0.0.1:{Port}";

    public RSA SigningKey { get; } = RSA.Create(2048);

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Changes an account's groups at the provider, as its administrator would.</summary>
    public async Task SetGroups(string login, params string[] groups)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(new Uri($"{Issuer}/test/accounts/{Uri.EscapeDataString(login)}/groups"), groups);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An access token for this API from the client-credentials grant: a service account in the clinicians group.</summary>
    public async Task<string> ClientCredentialsToken()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(Issuer + "/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["scope"] = "api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
        SigningKey.Dispose();
    }

    private static string NodeFolder()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "SingleSignOn", "node");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "VoiceAssist.Identity.Tests", "SingleSignOn", "node");
            if (File.Exists(Path.Combine(candidate, "provider.mjs")))
            {
                return candidate;
            }
        }

        return local;
    }
}
