using VoiceAssist.Testing;
using VoiceAssist.Voice.VoiceSessions.Realtime;

namespace VoiceAssist.Voice.Tests.VoiceSessions.Realtime;

/// <summary>Speech-to-speech mode against a local fake of the OpenAI Realtime API: the exact client events the host
/// sends (session.update, input_audio_buffer.append, response.cancel, conversation.item.truncate,
/// conversation.item.create, response.create) and how the service's events map onto the page protocol.</summary>
public sealed class RealtimeContractTests
{
    [Fact]
    public async Task Audio_server_vad_transcripts_spoken_replies_and_an_interruption_map_onto_the_page_protocol()
    {
        await using var realtime = await FakeRealtimeServer.Start();
        await using var factory = new RealtimeHost(realtime.Url);
        await using var page = await VoiceSocket.Connect(factory);

        await page.Send(new { type = "start", sampleRate = 16_000 });
        var update = await realtime.Next("session.update");
        realtime.Authorization.Should().Be("Bearer test-key");
        realtime.Beta.Should().Be("realtime=v1");
        realtime.Model.Should().Be("gpt-realtime-test");
        var session = update["session"]!.AsObject();
        ((string?)session["input_audio_format"]).Should().Be("pcm16");
        ((string?)session["output_audio_format"]).Should().Be("pcm16");
        ((string?)session["voice"]).Should().Be("alloy");
        ((string?)session["turn_detection"]!["type"]).Should().Be("server_vad");
        ((string?)session["input_audio_transcription"]!["model"]).Should().Be("whisper-1");
        await realtime.Send(new { type = "session.updated", event_id = "event_1", session = new { id = "sess_1" } });
        (await page.Next("ready")).GetProperty("speechToSpeech").GetString().Should().Be("openai-realtime");

        // 100 ms of 16 kHz audio from the page (five 20 ms frames) becomes five appends of 20 ms of 24 kHz pcm16.
        var before = realtime.Count;
        var tone = Tone(samples: 1600);
        await page.SendAudio(tone);
        var sent = (await realtime.All("input_audio_buffer.append", count: 5)).Select(append => Convert.FromBase64String((string)append["audio"]!)).ToList();

        sent.Should().AllSatisfy(audio => audio.Length.Should().Be(480 * 2));
        BitConverter.ToInt16(sent[0], 3 * 2).Should().Be(BitConverter.ToInt16(tone, 2 * 2), "every third 24 kHz sample falls on every second 16 kHz sample");
        realtime.Types().Skip(before).Should().OnlyContain(type => type == "input_audio_buffer.append");

        await realtime.Send(new { type = "input_audio_buffer.speech_started", event_id = "event_2", audio_start_ms = 0, item_id = "item_u1" });
        await realtime.Send(new { type = "input_audio_buffer.speech_stopped", event_id = "event_3", audio_end_ms = 1800, item_id = "item_u1" });
        await realtime.Send(new { type = "conversation.item.input_audio_transcription.completed", event_id = "event_4", item_id = "item_u1", content_index = 0, transcript = "what is the chads vasc score" });
        await realtime.Send(new { type = "response.created", event_id = "event_5", response = new { id = "resp_1", status = "in_progress" } });
        var speech = new byte[4800];
        Random.Shared.NextBytes(speech);
        for (var i = 0; i < 3; i++)
        {
            await realtime.Send(new { type = "response.audio.delta", event_id = $"event_d{i}", response_id = "resp_1", item_id = "item_a1", output_index = 0, content_index = 0, delta = Convert.ToBase64String(speech) });
        }

        await realtime.Send(new { type = "response.audio_transcript.done", event_id = "event_6", response_id = "resp_1", item_id = "item_a1", output_index = 0, content_index = 0, transcript = "CHA2DS2-VASc estimates stroke risk in atrial fibrillation." });

        (await page.Next("transcript")).GetProperty("text").GetString().Should().Be("what is the chads vasc score");
        (await page.Next("audio_start")).GetProperty("sampleRate").GetInt32().Should().Be(24_000);
        (await page.Next("reply")).GetProperty("text").GetString().Should().Be("CHA2DS2-VASc estimates stroke risk in atrial fibrillation.");
        page.Received.Where(r => r.Type is null).Sum(r => r.AudioBytes).Should().Be(3 * 4800);

        // The clinician speaks over the answer: the service's VAD reports it, the host cancels and truncates.
        before = realtime.Count;
        await realtime.Send(new { type = "input_audio_buffer.speech_started", event_id = "event_7", audio_start_ms = 2500, item_id = "item_u2" });
        await realtime.Next("response.cancel", before);
        var truncate = await realtime.Next("conversation.item.truncate", before);
        ((string?)truncate["item_id"]).Should().Be("item_a1");
        ((int)truncate["content_index"]!).Should().Be(0);
        ((int)truncate["audio_end_ms"]!).Should().BeInRange(0, 300, "no more than the 300 ms of audio sent can have been played");
        realtime.Types().Skip(before).Should().Equal("response.cancel", "conversation.item.truncate");
        (await page.Next("barge_in")).GetProperty("source").GetString().Should().Be("server");
        (await page.Next("audio_end")).GetProperty("interrupted").GetBoolean().Should().BeTrue();

        // A typed turn becomes a user message item and a response request.
        before = realtime.Count;
        await page.Send(new { type = "text", text = "and for a 75 year old man" });
        var item = await realtime.Next("conversation.item.create", before);
        await realtime.Next("response.create", before);
        ((string?)item["item"]!["role"]).Should().Be("user");
        ((string?)item["item"]!["content"]![0]!["type"]).Should().Be("input_text");
        ((string?)item["item"]!["content"]![0]!["text"]).Should().Be("and for a 75 year old man");
    }

    [Fact]
    public void Upsampling_keeps_the_signal()
    {
        var pcm = Tone(samples: 160);
        var upsampled = RealtimeVoiceSession.Upsample16kTo24k(pcm);

        upsampled.Length.Should().Be(pcm.Length * 3 / 2);
        for (var i = 0; i < 80; i++)
        {
            BitConverter.ToInt16(upsampled, i * 3 * 2).Should().Be(BitConverter.ToInt16(pcm, i * 2 * 2));
        }
    }

    private static byte[] Tone(int samples)
    {
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BitConverter.GetBytes((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16_000.0))).CopyTo(pcm, i * 2);
        }

        return pcm;
    }

    private sealed class RealtimeHost(Uri realtime) : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Voice:SpeechToSpeech:Provider"] = "openai-realtime",
            ["Voice:SpeechToSpeech:BaseUrl"] = realtime.ToString(),
            ["Voice:SpeechToSpeech:ApiKey"] = "test-key",
            ["Voice:SpeechToSpeech:Model"] = "gpt-realtime-test",
        };
    }
}
