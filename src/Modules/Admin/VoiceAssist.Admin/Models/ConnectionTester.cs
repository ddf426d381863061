using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace VoiceAssist.Admin.Models;

/// <summary>What "test connection" found, in words an administrator can act on.</summary>
internal sealed record ConnectionResult(bool Succeeded, string Message);

/// <summary>Makes one small real call to an OpenAI-compatible endpoint with the values on the form (the stored API key
/// unless a new one was typed): a one-line chat completion, the embedding of one word, or the model list for audio
/// endpoints, which have no call that costs nothing. Nothing the endpoint sends back is shown beyond its status and the
/// fields read here, and the key never appears in a message.</summary>
internal sealed class ConnectionTester(IHttpClientFactory httpClients, TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly string[] OneWord = ["ready"];

    public async Task<ConnectionResult> Test(ConnectionProbe probe, Uri baseUrl, string model, string? apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var request = Request(probe, baseUrl, model);
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = time.GetTimestamp();
        try
        {
            // The plain client: a test is one attempt, so a wrong address fails at once instead of after retries.
            using var response = await httpClients.CreateClient(nameof(ConnectionTester)).SendAsync(request, timeout.Token);
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                return new(false, Refusal(request.RequestUri!, response.StatusCode, response.ReasonPhrase));
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return Read(probe, body.RootElement, model, elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"No answer from {request.RequestUri} within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException socket)
        {
            return new(false, $"Could not connect to {request.RequestUri!.GetLeftPart(UriPartial.Authority)}: {Describe(socket.SocketErrorCode)}.");
        }
        catch (HttpRequestException ex)
        {
            return new(false, $"Could not reach {request.RequestUri!.GetLeftPart(UriPartial.Authority)}: {ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host name does not resolve",
                HttpRequestError.SecureConnectionError => "the TLS connection failed (certificate or protocol)",
                HttpRequestError.ConnectionError => "the connection failed",
                _ => "the request failed",
            }}.");
        }
        catch (JsonException)
        {
            return new(false, $"{request.RequestUri} answered, but not with JSON: is this the API root of an OpenAI-compatible endpoint?");
        }
    }

    private static HttpRequestMessage Request(ConnectionProbe probe, Uri baseUrl, string model)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return probe switch
        {
            ConnectionProbe.ChatCompletion => new HttpRequestMessage(HttpMethod.Post, new Uri(root, "chat/completions"))
            {
                Content = JsonContent.Create(new Dictionary<string, object>
                {
                    ["model"] = model,
                    ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = "Reply with the single word: ready" } },
                    ["max_completion_tokens"] = 16,
                }),
            },
            ConnectionProbe.Embedding => new HttpRequestMessage(HttpMethod.Post, new Uri(root, "embeddings"))
            {
                Content = JsonContent.Create(new Dictionary<string, object> { ["model"] = model, ["input"] = OneWord }),
            },
            _ => new HttpRequestMessage(HttpMethod.Get, new Uri(root, "models")),
        };
    }

    private static ConnectionResult Read(ConnectionProbe probe, JsonElement body, string model, double elapsedMs)
    {
        var took = $"in {elapsedMs:0} ms";
        switch (probe)
        {
            case ConnectionProbe.ChatCompletion when body.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0:
                var answeredBy = body.TryGetProperty("model", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : model;
                return new(true, $"Connected: {answeredBy} answered {took}.");
            case ConnectionProbe.Embedding when body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() == 1
                && data[0].TryGetProperty("embedding", out var vector) && vector.ValueKind == JsonValueKind.Array:
                return new(true, $"Connected: {model} returned a {vector.GetArrayLength()}-dimension vector {took}.");
            case ConnectionProbe.ModelList when body.TryGetProperty("data", out var models) && models.ValueKind == JsonValueKind.Array:
                var listed = models.EnumerateArray().Any(m => m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == model);
                return listed
                    ? new(true, $"Connected: the endpoint offers {model} ({models.GetArrayLength()} models listed) {took}.")
                    : new(false, $"The endpoint answered {took}, but its {models.GetArrayLength()} models do not include {model}. Check the model name.");
            default:
                return new(false, $"The endpoint answered {took}, but not in the OpenAI-compatible format ({Expected(probe)} missing).");
        }
    }

    private static string Expected(ConnectionProbe probe) => probe switch
    {
        ConnectionProbe.ChatCompletion => "\"choices\"",
        ConnectionProbe.Embedding => "\"data[0].embedding\"",
        _ => "\"data\"",
    };

    private static string Refusal(Uri uri, HttpStatusCode status, string? reason) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"{uri} refused the API key ({(int)status} {reason}). Replace the key, or check that it may use this model.",
        HttpStatusCode.NotFound => $"{uri} was not found (404): the base URL should be the API root, e.g. https://api.openai.com/v1/, or the model does not exist.",
        _ => $"{uri} answered {(int)status} {reason}.",
    };

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing is listening on that port)",
        SocketError.HostNotFound or SocketError.NoData => "the host name does not resolve",
        SocketError.TimedOut => "the connection timed out",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host cannot be reached from this server",
        _ => $"socket error {error}",
    };
}
