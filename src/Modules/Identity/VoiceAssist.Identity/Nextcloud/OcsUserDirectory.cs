using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Nextcloud;

/// <summary>One Nextcloud account as the OCS provisioning API describes it.</summary>
internal sealed record NextcloudUser(string Id, string? Email, string? DisplayName, bool Enabled, IReadOnlyList<string> Groups);

/// <summary>Nextcloud's OCS provisioning API (v1, JSON): <c>GET /ocs/v1.php/cloud/users</c> lists ids and
/// <c>GET /ocs/v1.php/cloud/users/{id}</c> gives one account with its groups. Every request carries
/// <c>OCS-APIRequest: true</c> and HTTP basic authentication with an administrator's app password; a response whose
/// <c>ocs.meta.statuscode</c> is not 100 (v1's "OK") is an error.</summary>
internal sealed class OcsUserDirectory(IHttpClientFactory httpClients, IOptions<NextcloudSettings> options)
{
    public async Task<IReadOnlyList<string>> ListUserIds(CancellationToken cancellationToken)
    {
        var data = await Get("cloud/users", cancellationToken).ConfigureAwait(false);
        return [.. data.GetProperty("users").EnumerateArray().Select(u => u.GetString()!)];
    }

    public async Task<NextcloudUser> GetUser(string id, CancellationToken cancellationToken)
    {
        var data = await Get("cloud/users/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false);
        return new NextcloudUser(
            data.GetProperty("id").GetString()!,
            data.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && email.GetString() is { Length: > 0 } address ? address : null,
            data.TryGetProperty("displayname", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            !data.TryGetProperty("enabled", out var enabled) || enabled.ValueKind != JsonValueKind.False,
            data.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array ? [.. groups.EnumerateArray().Select(g => g.GetString()!)] : []);
    }

    private async Task<JsonElement> Get(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var baseUrl = settings.BaseUrl ?? throw new VoiceAssist.BuildingBlocks.Web.ConflictException("Nextcloud is not configured: set Identity:Nextcloud:BaseUrl first.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), $"ocs/v1.php/{path}?format=json"));
        request.Headers.Add("OCS-APIRequest", "true");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.AppPassword}")));
        using var response = await httpClients.CreateClient(VoiceAssistPlatform.ResilientHttpClient).SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var ocs = document.RootElement.GetProperty("ocs");
        var meta = ocs.GetProperty("meta");
        if (meta.GetProperty("statuscode").GetInt32() != 100)
        {
            throw new HttpRequestException($"Nextcloud OCS answered {meta.GetProperty("statuscode").GetInt32()}: {meta.GetProperty("message").GetString()}");
        }

        return ocs.GetProperty("data").Clone();
    }
}
