using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;

namespace VoiceAssist.Identity.Tests.SingleSignOn;

/// <summary>Sits between the host's OpenID Connect handler and the real provider's token endpoint: passes every
/// exchange through and, while <see cref="Forge"/> is set, replaces the id_token of the provider's answer with one
/// made from it, so the handler validates a token that differs from a real one in exactly one respect.</summary>
public sealed class TokenEndpointSwap : DelegatingHandler
{
    public TokenEndpointSwap()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>Makes the id_token to hand over from the provider's real one; null passes the answer through.</summary>
    public Func<JsonWebToken, string>? Forge { get; set; }

    /// <summary>How many id_tokens were replaced.</summary>
    public int Swapped { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Forge is not { } forge || request.Method != HttpMethod.Post || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        if (body["id_token"]?.GetValue<string>() is not { } idToken)
        {
            return response;
        }

        body["id_token"] = forge(new JsonWebToken(idToken));
        Swapped++;
        response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return response;
    }
}
