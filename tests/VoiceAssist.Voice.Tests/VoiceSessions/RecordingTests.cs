using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Testing;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.Synthesis.Flite;
using VoiceAssist.Voice.Tests.Speech;

namespace VoiceAssist.Voice.Tests.VoiceSessions;

/// <summary>Audio is not stored by default; with <c>Voice:Recording:Enabled</c> each utterance is kept encrypted beside
/// its conversation and only the conversation's owner can hear it back.</summary>
public sealed class RecordingTests
{
    private const string Question = "what is the heart score";

    public sealed class ByDefault(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
    {
        [Fact]
        public async Task Nothing_heard_is_stored()
        {
            await using var voice = await VoiceSocket.Connect(factory);
            var ready = await voice.Start();
            ready.GetProperty("audioStorage").GetString().Should().Be("none");
            var conversationId = ready.GetProperty("conversationId").GetGuid();

            await voice.SendAudio(await Spoken(Question));
            await voice.SendAudio(Silence(seconds: 1));
            var turnId = (await voice.Next("reply")).GetProperty("turnId").GetGuid();
            await voice.Next("audio_end");

            // The turn is wrapped up (timings stored) before a recording would be.
            await Eventually.Until(() => Count(factory, "SELECT count(*) FROM voice.turn_timings WHERE turn_id = @id", turnId), n => n == 1);
            await Task.Delay(500);
            (await Count(factory, "SELECT count(*) FROM voice.recordings WHERE conversation_id = @id", conversationId)).Should().Be(0);
        }
    }

    public sealed class WhenEnabled(WhenEnabled.RecordingOn factory) : IClassFixture<WhenEnabled.RecordingOn>
    {
        [Fact]
        public async Task Each_utterance_is_stored_encrypted_and_only_its_owner_hears_it_back()
        {
            var owner = await factory.CreateClientSignedInAs("clinician");
            await using var voice = await VoiceSocket.Connect(factory, owner.DefaultRequestHeaders.Authorization!.Parameter);
            var ready = await voice.Start();
            ready.GetProperty("audioStorage").GetString().Should().Be("encrypted");
            var conversationId = ready.GetProperty("conversationId").GetGuid();

            var sent = (await Spoken(Question)).Concat(Silence(seconds: 1)).ToArray();
            await voice.SendAudio(sent);
            var turnId = (await voice.Next("reply")).GetProperty("turnId").GetGuid();

            var recordings = await Eventually.Until(
                async () => await owner.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}/recordings"),
                list => list.GetArrayLength() == 1,
                because: "the utterance is stored when its turn is wrapped up");
            var recording = recordings[0];
            recording.GetProperty("turnId").GetGuid().Should().Be(turnId);
            var recordingId = recording.GetProperty("id").GetGuid();

            // In PostgreSQL only ciphertext: not the WAVE file, not its base64 ("RIFF" is "UklGR").
            var stored = await Single(factory, "SELECT wave FROM voice.recordings WHERE id = @id", recordingId);
            stored.Should().StartWith("pe1:").And.NotContain("UklGR");

            var response = await owner.GetAsync($"/api/conversations/{conversationId}/recordings/{recordingId}");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
            var wave = WaveAudio.Read(await response.Content.ReadAsByteArrayAsync());
            wave.SampleRate.Should().Be(16_000);
            wave.Pcm.Length.Should().BeGreaterThan(16_000, "the question lasts more than half a second");
            recording.GetProperty("durationMs").GetInt32().Should().Be(wave.Pcm.Length / 32);
            IndexOf(sent, wave.Pcm).Should().BeGreaterThanOrEqualTo(0, "what is stored is exactly what was heard, from the start of speech to its end");

            var other = await factory.CreateClientSignedInAs("clinician");
            (await other.GetAsync($"/api/conversations/{conversationId}/recordings")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await other.GetAsync($"/api/conversations/{conversationId}/recordings/{recordingId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        public sealed class RecordingOn : VoiceAssistFactory
        {
            protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
            {
                ["Identity:RequireAuthenticatedUser"] = "true",
                ["Voice:Recording:Enabled"] = "true",
            };
        }
    }

    private static async Task<byte[]> Spoken(string text)
    {
        var voice = new FliteTextToSpeech(Microsoft.Extensions.Options.Options.Create(new TextToSpeechOptions { FliteVoice = "slt" }));
        var (pcm, rate, _) = await SpeechAudio.Collect(voice.SynthesizeAsync(text));
        return rate == 16_000 ? pcm : SpeechAudio.ResampleTo16k(pcm, rate);
    }

    private static byte[] Silence(double seconds) => new byte[(int)(seconds * 16_000) * 2];

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        needle.Length == 0 ? -1 : haystack.AsSpan().IndexOf(needle);

    private static async Task<long> Count(VoiceAssistFactory factory, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> Single(VoiceAssistFactory factory, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
