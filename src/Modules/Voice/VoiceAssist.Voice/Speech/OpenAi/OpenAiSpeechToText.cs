using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.Recognition;

namespace VoiceAssist.Voice.Speech.OpenAi;

/// <summary>Transcription by an OpenAI-compatible endpoint: <c>POST {base}/audio/transcriptions</c>, multipart form with
/// the utterance as a WAVE file. The endpoint takes whole files, so streaming buffers until the frames end.</summary>
internal sealed class OpenAiSpeechToText(IHttpClientFactory httpClients, IOptionsMonitor<SpeechToTextOptions> options) : ISpeechToText
{
    public const string ProviderName = "openai";

    public string Name => ProviderName;

    public async IAsyncEnumerable<TranscriptUpdate> TranscribeStreamAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> frames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        using var utterance = new MemoryStream();
        await foreach (var frame in frames.WithCancellation(cancellationToken))
        {
            utterance.Write(frame.Span);
        }

        yield return new TranscriptUpdate(await TranscribeAsync(utterance.ToArray(), cancellationToken), IsFinal: true);
    }

    public async Task<string> TranscribeAsync(ReadOnlyMemory<byte> utterance, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue.OpenAi;
        using var audio = new ByteArrayContent(WaveAudio.Write(utterance.Span, Pcm16.RecognitionSampleRate));
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var form = new MultipartFormDataContent
        {
            { audio, "file", "utterance.wav" },
            { new StringContent(settings.Model), "model" },
            { new StringContent(settings.Language), "language" },
            { new StringContent("json"), "response_format" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, OpenAiEndpoint.Resolve(settings, "audio/transcriptions")) { Content = form };
        OpenAiEndpoint.Authorize(request, settings);
        using var response = await httpClients.CreateClient(VoiceAssistPlatform.ResilientHttpClient).SendAsync(request, cancellationToken);
        OpenAiEndpoint.EnsureSuccess(response, "transcription");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return json.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new InvalidDataException("The transcription response has no text.");
    }
}
