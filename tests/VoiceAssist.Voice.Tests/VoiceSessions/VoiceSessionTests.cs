using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using VoiceAssist.Testing;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Synthesis.Flite;
using VoiceAssist.Voice.Tests.Speech;

namespace VoiceAssist.Voice.Tests.VoiceSessions;

/// <summary>The voice socket through the real host: spoken questions (flite's voice, decoded by pocketsphinx with the
/// clinical model) answered by the conversation engine and spoken back by espeak-ng. These tests end utterances
/// with the server's energy endpointer (trailing silence), the fallback path for pages without voice activity
/// detection.</summary>
public sealed class VoiceSessionTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private const string Question = "what is the chads vasc score for a seventy five year old man with heart failure";

    [Fact]
    public async Task A_spoken_calculator_question_is_transcribed_answered_with_sources_and_spoken_back()
    {
        var firstAudio = new List<double>();
        using var listener = FirstAudioListener(firstAudio);
        await using var voice = await VoiceSocket.Connect(factory);
        var ready = await voice.Start();

        await voice.SendAudio(await Spoken(Question));
        await voice.SendAudio(Silence(seconds: 1));

        var transcript = await voice.Next("transcript");
        var reply = await voice.Next("reply");
        var audioStart = await voice.Next("audio_start");
        var audioEnd = await voice.Next("audio_end");

        transcript.GetProperty("text").GetString().Should().Contain("chads vasc").And.Contain("heart failure");
        var calculator = reply.GetProperty("calculator");
        calculator.GetProperty("id").GetString().Should().Be("cha2ds2-vasc");
        calculator.GetProperty("value").GetDouble().Should().Be(3, "age 75 or over scores 2 and heart failure 1 (Lip et al., Chest 2010)");
        calculator.GetProperty("sources").GetArrayLength().Should().BeGreaterThan(0);
        reply.GetProperty("text").GetString().Should().Contain("3 points");
        audioStart.GetProperty("sampleRate").GetInt32().Should().BeGreaterThan(8000);
        audioEnd.GetProperty("interrupted").GetBoolean().Should().BeFalse();
        var audioSeconds = voice.Received.Sum(r => r.AudioBytes) / 2.0 / audioStart.GetProperty("sampleRate").GetInt32();
        audioSeconds.Should().BeGreaterThan(2, "the whole reply is spoken");

        var timings = audioEnd.GetProperty("timings");
        timings.GetProperty("endOfSpeechSource").GetString().Should().Be("server");
        timings.GetProperty("firstAudioMs").GetDouble().Should().BeGreaterThan(timings.GetProperty("replyMs").GetDouble());
        reply.GetProperty("timings").GetProperty("replyMs").GetDouble().Should().BeGreaterThan(0);
        // The histogram is recorded when the turn is wrapped up, just after audio_end is sent.
        await Eventually.Until(() => Task.FromResult(FirstAudioCount(firstAudio)), count => count > 0, because: "the first-audio histogram is recorded");

        var stored = await StoredTimings(reply.GetProperty("turnId").GetGuid());
        stored.Should().NotBeNull();
        stored!.Value.FirstAudioMs.Should().BeGreaterThan(0);
        stored.Value.Source.Should().Be("server");
        ready.GetProperty("conversationId").GetGuid().Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(641)]
    [InlineData(1)]
    [InlineData(639)]
    public async Task Audio_in_frames_that_split_samples_is_heard_as_it_was_spoken(int frameBytes)
    {
        await using var voice = await VoiceSocket.Connect(factory);
        await voice.Start();
        var speech = await Spoken(Question);

        await voice.SendAudio(speech, frameBytes);
        await voice.SendAudio(Silence(seconds: 1), frameBytes);

        var transcript = await voice.Next("transcript");
        transcript.GetProperty("text").GetString().Should().Contain("chads vasc").And.Contain("heart failure",
            "a byte left over from an odd-sized frame is carried to the next, so no sample shifts");
    }

    [Fact]
    public async Task Speaking_over_the_reply_stops_it_and_the_new_question_is_answered_but_a_cough_does_not()
    {
        await using var voice = await VoiceSocket.Connect(factory);
        await voice.Start();
        await voice.Send(new { type = "text", text = "What's the CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes?" });
        await voice.Next("audio_start");

        // A 150 ms cough-like burst is shorter than Voice:BargeIn:MinSpeechMs (300 ms): the reply goes on.
        var beforeCough = voice.Received.Count;
        await voice.SendAudio(Silence(seconds: 0.5));
        await voice.SendAudio(SpeechAudio.Generated("synth 0.15 whitenoise vol 0.5"));
        await voice.SendAudio(Silence(seconds: 1));
        await Task.Delay(500);
        voice.Received.Skip(beforeCough).Should().NotContain(r => r.Type == "barge_in" || r.Type == "audio_end");

        var question = await Spoken(Question);
        await voice.SendAudio(question);
        var bargeIn = await voice.Next("barge_in", after: beforeCough);
        var interrupted = await voice.Next("audio_end", after: beforeCough);
        await voice.SendAudio(Silence(seconds: 1));
        var nextReply = await voice.Next("reply", after: voice.IndexOf("barge_in", beforeCough));

        bargeIn.GetProperty("source").GetString().Should().Be("server");
        interrupted.GetProperty("interrupted").GetBoolean().Should().BeTrue();
        var afterBargeIn = voice.IndexOf("barge_in", beforeCough);
        await voice.Next("audio_start", after: afterBargeIn);
        var nextAudioStart = voice.IndexOf("audio_start", afterBargeIn);
        voice.Received.Skip(afterBargeIn).Take(nextAudioStart - afterBargeIn).Sum(r => r.AudioBytes)
            .Should().Be(0, "no audio of the interrupted reply is sent after the barge-in");
        nextReply.GetProperty("calculator").GetProperty("value").GetDouble().Should().Be(3);
    }

    [Fact]
    public async Task A_barge_in_from_the_page_cancels_the_reply_at_once()
    {
        await using var voice = await VoiceSocket.Connect(factory);
        await voice.Start();
        await voice.Send(new { type = "text", text = "What's the CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes?" });
        await voice.Next("audio_start");

        var before = voice.Received.Count;
        await voice.Send(new { type = "barge_in" });
        var ended = await voice.Next("audio_end", after: before, timeoutSeconds: 5);

        ended.GetProperty("interrupted").GetBoolean().Should().BeTrue();
        (await voice.Next("barge_in", after: before)).GetProperty("source").GetString().Should().Be("client");
    }

    [Fact]
    public async Task After_a_drop_mid_turn_the_page_reconnects_to_the_same_conversation_and_it_continues()
    {
        Guid conversationId;
        await using (var first = await VoiceSocket.Connect(factory))
        {
            conversationId = (await first.Start()).GetProperty("conversationId").GetGuid();
            await first.Send(new { type = "text", text = "Calculate CHA2DS2-VASc for a patient with hypertension" });
            (await first.Next("reply")).GetProperty("clarifyingQuestion").GetString().Should().Be("How old is the patient?");
            await first.Next("audio_start");
            first.Drop();
        }

        await using var second = await VoiceSocket.Connect(factory);
        var ready = await second.Start(conversationId);
        await second.SendAudio(await Spoken("seventy two"));
        await second.SendAudio(Silence(seconds: 1));
        var reply = await second.Next("reply");

        ready.GetProperty("resumed").GetBoolean().Should().BeTrue();
        ready.GetProperty("turns").GetInt32().Should().Be(1);
        reply.GetProperty("clarifyingQuestion").GetString().Should().Be("Is the patient male or female?", "the age answered the first question");
        reply.GetProperty("sequence").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Another_clinicians_conversation_cannot_be_resumed()
    {
        await using var voice = await VoiceSocket.Connect(factory);
        await voice.Send(new { type = "start", conversationId = Guid.NewGuid(), sampleRate = 16_000 });

        (await voice.Next("error")).GetProperty("code").GetString().Should().Be("conversation_not_found");
    }

    private static async Task<byte[]> Spoken(string text)
    {
        var voice = new FliteTextToSpeech(Microsoft.Extensions.Options.Options.Create(new TextToSpeechOptions { FliteVoice = "slt" }));
        var (pcm, rate, _) = await SpeechAudio.Collect(voice.SynthesizeAsync(text));
        return rate == 16_000 ? pcm : SpeechAudio.ResampleTo16k(pcm, rate);
    }

    private static byte[] Silence(double seconds) => new byte[(int)(seconds * 16_000) * 2];

    private static int FirstAudioCount(List<double> values)
    {
        lock (values)
        {
            return values.Count;
        }
    }

    private static MeterListener FirstAudioListener(List<double> values)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "voiceassist.voice.turn.first_audio")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (values)
            {
                values.Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    private async Task<(double FirstAudioMs, string Source)?> StoredTimings(Guid turnId)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        // The timings are written just after the last audio frame is queued.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var command = new NpgsqlCommand("SELECT first_audio_ms, end_of_speech_source FROM voice.turn_timings WHERE turn_id = @id", connection);
            command.Parameters.AddWithValue("id", turnId);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return (reader.GetDouble(0), reader.GetString(1));
            }

            await Task.Delay(100);
        }

        return null;
    }
}

/// <summary>With sign-in required, the socket needs a socket ticket asked for with an access token, and the
/// conversation it opens is the token's user's. A ticket opens one socket, within its lifetime; a token in the URL opens
/// none.</summary>
public sealed class VoiceSessionAuthenticationTests(VoiceSessionAuthenticationTests.SignInRequired factory) : IClassFixture<VoiceSessionAuthenticationTests.SignInRequired>
{
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task The_socket_refuses_an_anonymous_caller_and_opens_the_conversation_for_the_tokens_user()
    {
        var anonymous = () => VoiceSocket.Connect(factory);
        await anonymous.Should().ThrowAsync<InvalidOperationException>().WithMessage("*401*");

        var client = await factory.CreateClientSignedInAs("clinician");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var voice = await VoiceSocket.Connect(factory, token);
        var conversationId = (await voice.Start()).GetProperty("conversationId").GetGuid();

        (await client.GetAsync($"/api/conversations/{conversationId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var other = await factory.CreateClientSignedInAs("clinician");
        (await other.GetAsync($"/api/conversations/{conversationId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_ticket_opens_one_socket_and_a_second_use_is_refused()
    {
        var client = await factory.CreateClientSignedInAs("clinician");
        var ticket = await SocketTicket.Ask(factory, client.DefaultRequestHeaders.Authorization!.Parameter!);

        await using (var voice = await VoiceSocket.ConnectWithTicket(factory, ticket))
        {
            await voice.Start();
        }

        var reuse = () => VoiceSocket.ConnectWithTicket(factory, ticket);
        await reuse.Should().ThrowAsync<InvalidOperationException>().WithMessage("*401*");
    }

    [Fact]
    public async Task An_expired_ticket_is_refused()
    {
        var client = await factory.CreateClientSignedInAs("clinician");
        var ticket = await SocketTicket.Ask(factory, client.DefaultRequestHeaders.Authorization!.Parameter!);

        await Task.Delay(TicketLifetime + TimeSpan.FromSeconds(1));

        var late = () => VoiceSocket.ConnectWithTicket(factory, ticket);
        await late.Should().ThrowAsync<InvalidOperationException>().WithMessage("*401*");
    }

    [Fact]
    public async Task An_access_token_in_the_url_does_not_open_the_socket()
    {
        var client = await factory.CreateClientSignedInAs("clinician");
        var token = Uri.EscapeDataString(client.DefaultRequestHeaders.Authorization!.Parameter!);

        var withToken = () => factory.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/api/voice/ws?access_token={token}"), CancellationToken.None);

        await withToken.Should().ThrowAsync<InvalidOperationException>().WithMessage("*401*");
    }

    [Fact]
    public async Task A_ticket_is_issued_only_to_a_signed_in_caller_and_never_cached()
    {
        var anonymous = await factory.CreateClient().PostAsync(new Uri("/api/identity/socket-tickets", UriKind.Relative), null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var client = await factory.CreateClientSignedInAs("clinician");
        var issued = await client.PostAsync(new Uri("/api/identity/socket-tickets", UriKind.Relative), null);
        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        issued.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        (body.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow).Should().BeLessThanOrEqualTo(TicketLifetime);
    }

    public sealed class SignInRequired : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Identity:RequireAuthenticatedUser"] = "true",
            ["Identity:SocketTickets:Lifetime"] = "00:00:02",
        };
    }
}
