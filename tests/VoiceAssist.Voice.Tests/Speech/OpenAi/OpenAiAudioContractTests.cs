using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks;
using VoiceAssist.BuildingBlocks.Http;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.OpenAi;

namespace VoiceAssist.Voice.Tests.Speech.OpenAi;

/// <summary>The OpenAI-compatible audio clients against a fake endpoint on loopback that records exactly what arrives.</summary>
public sealed class OpenAiAudioContractTests : IAsyncLifetime
{
    private readonly List<RecordedRequest> requests = [];
    private WebApplication server = null!;
    private Func<HttpContext, Task> respond = _ => Task.CompletedTask;
    private Uri baseUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        server = builder.Build();
        server.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (requests)
            {
                requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "", body.ToArray()));
            }

            await respond(context);
        });
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        baseUrl = new Uri($"{address}/v1");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Transcription_posts_the_utterance_as_a_multipart_wave_file_with_model_and_language()
    {
        respond = context => context.Response.WriteAsJsonAsync(new { text = "what is the chads vasc score" });
        var utterance = SpeechAudio.GoForward();

        var text = await Transcriber().TranscribeAsync(utterance);

        text.Should().Be("what is the chads vasc score");
        var request = requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v1/audio/transcriptions");
        request.Authorization.Should().Be("Bearer test-key");
        request.ContentType.Should().StartWith("multipart/form-data; boundary=");
        var form = await ReadForm(request);
        form.Fields.Should().BeEquivalentTo(new Dictionary<string, string> { ["model"] = "whisper-1", ["language"] = "en", ["response_format"] = "json" });
        form.File.Should().NotBeNull();
        form.File!.Name.Should().Be("file");
        form.File.FileName.Should().Be("utterance.wav");
        form.File.ContentType.Should().Be("audio/wav");
        var wave = WaveAudio.Read(form.FileBytes!);
        wave.SampleRate.Should().Be(16_000);
        wave.Channels.Should().Be(1);
        wave.Pcm.Should().Equal(utterance);
    }

    [Fact]
    public async Task Streaming_transcription_sends_one_request_after_the_last_frame_and_yields_only_a_final_transcript()
    {
        respond = context => context.Response.WriteAsJsonAsync(new { text = "go forward ten meters" });
        var utterance = SpeechAudio.GoForward();

        var updates = new List<VoiceAssist.Voice.Speech.Recognition.TranscriptUpdate>();
        await foreach (var update in Transcriber().TranscribeStreamAsync(Frames(utterance, 640)))
        {
            updates.Add(update);
        }

        updates.Should().Equal(new VoiceAssist.Voice.Speech.Recognition.TranscriptUpdate("go forward ten meters", IsFinal: true));
        WaveAudio.Read((await ReadForm(requests.Single())).FileBytes!).Pcm.Should().Equal(utterance);
    }

    [Fact]
    public async Task Speech_posts_json_asking_for_raw_pcm_and_relays_the_body_as_24_kHz_chunks()
    {
        var pcm = Enumerable.Range(0, 48_000).Select(i => (byte)(i * 7)).ToArray();
        respond = async context =>
        {
            context.Response.ContentType = "audio/pcm";
            // Odd-sized pieces: a sample split across two network reads must come out whole.
            for (var offset = 0; offset < pcm.Length; offset += 4_001)
            {
                await context.Response.Body.WriteAsync(pcm.AsMemory(offset, Math.Min(4_001, pcm.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        };

        var (audio, sampleRate, chunks) = await SpeechAudio.Collect(Speaker().SynthesizeAsync("Apixaban 5 mg twice daily."));

        audio.Should().Equal(pcm);
        sampleRate.Should().Be(24_000);
        chunks.Should().BeGreaterThan(1);
        var request = requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/audio/speech");
        request.Authorization.Should().Be("Bearer test-key");
        request.ContentType.Should().StartWith("application/json");
        using var json = JsonDocument.Parse(request.Body);
        json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Should().BeEquivalentTo(new[]
        {
            ("model", "tts-1"), ("input", "Apixaban 5 mg twice daily."), ("voice", "alloy"), ("response_format", "pcm"),
        });
    }

    [Fact]
    public async Task Retries_a_transient_server_error_through_the_resilient_client()
    {
        var attempts = 0;
        respond = context =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsJsonAsync(new { text = "ok" });
        };

        (await Transcriber().TranscribeAsync(new byte[3_200])).Should().Be("ok");
        requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Reports_a_rejected_request_by_status_without_echoing_the_response_body()
    {
        respond = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("{\"error\":{\"message\":\"patient Jane Doe audio rejected\"}}");
        };

        var failure = await Transcriber().Invoking(t => t.TranscribeAsync(new byte[3_200])).Should().ThrowAsync<HttpRequestException>();

        failure.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        failure.Which.Message.Should().NotContain("Jane Doe");
    }

    private OpenAiSpeechToText Transcriber() =>
        new(HttpClients(), new Fixed<SpeechToTextOptions>(new SpeechToTextOptions { OpenAi = new OpenAiSpeechOptions { BaseUrl = baseUrl, ApiKey = "test-key", Model = "whisper-1" } }));

    private OpenAiTextToSpeech Speaker() =>
        new(HttpClients(), new Fixed<TextToSpeechOptions>(new TextToSpeechOptions { OpenAi = new OpenAiSpeechOptions { BaseUrl = baseUrl, ApiKey = "test-key", Model = "tts-1" } }));

    private static IHttpClientFactory HttpClients()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HttpResilience:FirstRetryDelay"] = "00:00:00.010" })
            .Build());
        services.AddHttpClient(VoiceAssistPlatform.ResilientHttpClient).AddVoiceAssistResilience();
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }

    private static async Task<(Dictionary<string, string> Fields, Microsoft.Net.Http.Headers.ContentDispositionHeaderValue? File, string? FileContentType, byte[]? FileBytes)> ReadFormParts(RecordedRequest request)
    {
        var boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(
            Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value!;
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, new MemoryStream(request.Body));
        var fields = new Dictionary<string, string>();
        Microsoft.Net.Http.Headers.ContentDispositionHeaderValue? file = null;
        string? contentType = null;
        byte[]? bytes = null;
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            if (disposition.FileName.HasValue)
            {
                file = disposition;
                contentType = section.ContentType;
                bytes = content.ToArray();
            }
            else
            {
                fields[disposition.Name.Value!] = Encoding.UTF8.GetString(content.ToArray());
            }
        }

        return (fields, file, contentType, bytes);
    }

    private static async Task<Form> ReadForm(RecordedRequest request)
    {
        var (fields, file, contentType, bytes) = await ReadFormParts(request);
        return new Form(fields, file is null ? null : new FormFile(file.Name.Value!, file.FileName.Value!, contentType!), bytes);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(byte[] audio, int bytes)
    {
        for (var offset = 0; offset < audio.Length; offset += bytes)
        {
            await Task.Yield();
            yield return audio.AsMemory(offset, Math.Min(bytes, audio.Length - offset));
        }
    }

    private sealed record RecordedRequest(string Method, string Path, string Authorization, string ContentType, byte[] Body);

    private sealed record FormFile(string Name, string FileName, string ContentType);

    private sealed record Form(Dictionary<string, string> Fields, FormFile? File, byte[]? FileBytes);

    /// <summary>Settings that do not change during a test.</summary>
    private sealed class Fixed<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
