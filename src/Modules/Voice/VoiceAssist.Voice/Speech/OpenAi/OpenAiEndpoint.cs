using System.Net.Http.Headers;

namespace VoiceAssist.Voice.Speech.OpenAi;

/// <summary>What the OpenAI-compatible audio clients share: the address, the key, and errors without their bodies.</summary>
internal static class OpenAiEndpoint
{
    public static Uri Resolve(OpenAiSpeechOptions settings, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = settings.BaseUrl.AbsoluteUri;
        // Without the trailing slash a relative path would replace the last segment (/v1) instead of following it.
        return new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), path);
    }

    public static void Authorize(HttpRequestMessage request, OpenAiSpeechOptions settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }
    }

    public static void EnsureSuccess(HttpResponseMessage response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            // The body may quote the request; only the status leaves this method.
            throw new HttpRequestException($"The {operation} endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
