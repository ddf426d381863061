using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Voice.VoiceSessions;

/// <summary>The moments of one spoken turn, measured from the end of speech: when the server knew the clinician
/// had stopped (the page's <c>end_of_speech</c> or the server endpointer), the transcript, the reply and the first
/// byte of synthesized audio sent.</summary>
internal sealed class TurnClock(string endOfSpeechSource, DateTimeOffset endOfSpeechAt)
{
    private readonly long start = Stopwatch.GetTimestamp();

    public string EndOfSpeechSource { get; } = endOfSpeechSource;

    public DateTimeOffset EndOfSpeechAt { get; } = endOfSpeechAt;

    public double? TranscriptMs { get; private set; }

    public double? ReplyMs { get; private set; }

    public double? FirstAudioMs { get; private set; }

    public void TranscriptReady() => TranscriptMs = Elapsed();

    public void ReplyReady() => ReplyMs = Elapsed();

    public void FirstAudioSent() => FirstAudioMs ??= Elapsed();

    public TurnTimingsMessage ToMessage() => new(EndOfSpeechSource, Round(TranscriptMs), Round(ReplyMs), Round(FirstAudioMs));

    private double Elapsed() => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    private static double? Round(double? ms) => ms is { } value ? Math.Round(value, 1) : null;
}

/// <summary>The turn timings as OpenTelemetry histograms on the project's meter.</summary>
internal static class VoiceTelemetry
{
    public static readonly Histogram<double> Transcript = Telemetry.Meter.CreateHistogram<double>(
        "voiceassist.voice.turn.transcript", "ms", "End of speech to final transcript");

    public static readonly Histogram<double> Reply = Telemetry.Meter.CreateHistogram<double>(
        "voiceassist.voice.turn.reply", "ms", "End of speech to the conversation's reply");

    public static readonly Histogram<double> FirstAudio = Telemetry.Meter.CreateHistogram<double>(
        "voiceassist.voice.turn.first_audio", "ms", "End of speech to the first byte of synthesized audio sent");

    public static readonly UpDownCounter<long> ActiveSockets = Telemetry.Meter.CreateUpDownCounter<long>(
        "voiceassist.voice.sessions.active", "{socket}", "Voice sockets open on this replica");

    public static readonly Counter<long> BargeIns = Telemetry.Meter.CreateCounter<long>(
        "voiceassist.voice.barge_ins", "{interruption}", "Turns interrupted by the clinician speaking over them");

    public static void Record(TurnClock clock)
    {
        var source = new KeyValuePair<string, object?>("end_of_speech.source", clock.EndOfSpeechSource);
        if (clock.TranscriptMs is { } transcript)
        {
            Transcript.Record(transcript, source);
        }

        if (clock.ReplyMs is { } reply)
        {
            Reply.Record(reply, source);
        }

        if (clock.FirstAudioMs is { } firstAudio)
        {
            FirstAudio.Record(firstAudio, source);
        }
    }
}

/// <summary>The timings stored beside a turn (a table of their own, so the turns table is untouched). No audio and no
/// words: only when, and how long.</summary>
internal sealed class TurnTiming
{
    public Guid TurnId { get; set; }
    public Guid ConversationId { get; set; }
    public required string EndOfSpeechSource { get; set; }
    public DateTimeOffset EndOfSpeechAt { get; set; }
    public double? TranscriptMs { get; set; }
    public double ReplyMs { get; set; }
    public double? FirstAudioMs { get; set; }
    public bool Interrupted { get; set; }

    public static TurnTiming From(Guid turnId, Guid conversationId, TurnClock clock, bool interrupted) => new()
    {
        TurnId = turnId,
        ConversationId = conversationId,
        EndOfSpeechSource = clock.EndOfSpeechSource,
        EndOfSpeechAt = clock.EndOfSpeechAt,
        TranscriptMs = clock.TranscriptMs,
        ReplyMs = clock.ReplyMs ?? 0,
        FirstAudioMs = clock.FirstAudioMs,
        Interrupted = interrupted,
    };
}

internal sealed class TurnTimingConfiguration : IEntityTypeConfiguration<TurnTiming>
{
    public void Configure(EntityTypeBuilder<TurnTiming> builder)
    {
        builder.ToTable("turn_timings");
        builder.HasKey(t => t.TurnId);
        builder.HasOne<Conversations.Turn>().WithOne().HasForeignKey<TurnTiming>(t => t.TurnId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.TurnId).HasColumnName("turn_id");
        builder.Property(t => t.ConversationId).HasColumnName("conversation_id");
        builder.Property(t => t.EndOfSpeechSource).HasColumnName("end_of_speech_source");
        builder.Property(t => t.EndOfSpeechAt).HasColumnName("end_of_speech_at");
        builder.Property(t => t.TranscriptMs).HasColumnName("transcript_ms");
        builder.Property(t => t.ReplyMs).HasColumnName("reply_ms");
        builder.Property(t => t.FirstAudioMs).HasColumnName("first_audio_ms");
        builder.Property(t => t.Interrupted).HasColumnName("interrupted");
    }
}
