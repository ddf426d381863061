using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.Voice.Speech.Synthesis;

namespace VoiceAssist.Voice.Speech.OpenAi;

/// <summary>Speech from an OpenAI-compatible endpoint: <c>POST {base}/audio/speech</c> asking for raw PCM (24 kHz mono
/// 16-bit), relayed in chunks as the response body arrives.</summary>
internal sealed class OpenAiTextToSpeech(IHttpClientFactory httpClients, IOptionsMonitor<TextToSpeechOptions> options) : ITextToSpeech
{
    public const string ProviderName = "openai";

    /// <summary>The fixed format of <c>response_format: pcm</c>.</summary>
    public const int SampleRate = 24_000;
    private const int ChunkBytes = 4_800;

    public string Name => ProviderName;

    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = options.CurrentValue.OpenAi;
        using var request = new HttpRequestMessage(HttpMethod.Post, OpenAiEndpoint.Resolve(settings, "audio/speech"))
        {
            Content = JsonContent.Create(new SpeechRequest(settings.Model, text, settings.Voice, "pcm")),
        };
        OpenAiEndpoint.Authorize(request, settings);
        using var response = await httpClients.CreateClient(VoiceAssistPlatform.ResilientHttpClient)
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        OpenAiEndpoint.EnsureSuccess(response, "speech");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ChunkBytes];
        var filled = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
            var whole = filled & ~1;
            if (whole >= ChunkBytes / 2)
            {
                yield return new SpeechChunk(buffer.AsMemory(0, whole).ToArray(), SampleRate);
                buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
                filled -= whole;
            }
        }

        if (filled > 1)
        {
            yield return new SpeechChunk(buffer.AsMemory(0, filled & ~1).ToArray(), SampleRate);
        }
    }

    private sealed record SpeechRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("input")] string Input,
        [property: JsonPropertyName("voice")] string Voice,
        [property: JsonPropertyName("response_format")] string ResponseFormat);
}
