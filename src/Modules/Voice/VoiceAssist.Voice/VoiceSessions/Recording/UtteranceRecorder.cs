using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.Speech.Audio;

namespace VoiceAssist.Voice.VoiceSessions.Recording;

/// <summary>Keeps what the voice socket heard when <see cref="RecordingOptions.Enabled"/>; otherwise does nothing, and
/// the session does not even buffer the audio.</summary>
internal sealed partial class UtteranceRecorder(
    IServiceScopeFactory scopes, IOptionsMonitor<RecordingOptions> options, TimeProvider time, ILogger<UtteranceRecorder> logger)
{
    public bool Enabled => options.CurrentValue.Enabled;

    /// <summary>The storage mode the page is told in <c>ready</c>: <c>none</c> or <c>encrypted</c>.</summary>
    public string Mode => Enabled ? "encrypted" : "none";

    public async Task Store(Guid conversationId, Guid? turnId, byte[] pcm, CancellationToken cancellationToken)
    {
        if (!Enabled || pcm.Length == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VoiceDbContext>();
            db.Set<UtteranceRecording>().Add(new UtteranceRecording
            {
                Id = Guid.CreateVersion7(),
                ConversationId = conversationId,
                TurnId = turnId,
                RecordedAt = time.GetUtcNow(),
                SampleRate = Pcm16.RecognitionSampleRate,
                DurationMs = (int)Pcm16.Duration(pcm.Length, Pcm16.RecognitionSampleRate).TotalMilliseconds,
                Wave = Convert.ToBase64String(WaveAudio.Write(pcm, Pcm16.RecognitionSampleRate)),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is Microsoft.EntityFrameworkCore.DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            // A recording is kept for review only: losing one must not end the conversation.
            LogNotStored(logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An utterance recording was not stored ({ExceptionType}).")]
    private static partial void LogNotStored(ILogger logger, string exceptionType);
}
