using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Voice.Conversations;

namespace VoiceAssist.Voice.VoiceSessions.Recording;

/// <summary>One utterance as it was heard (16 kHz mono PCM16 in a WAVE container), stored only when
/// <see cref="RecordingOptions.Enabled"/>. <see cref="Wave"/> is the WAVE file in base64, encrypted in the application
/// (AES-256-GCM under the Compliance key ring) like the turn text: a voice identifies its speaker and what was said
/// identifies the patient.</summary>
internal sealed class UtteranceRecording
{
    public const string Purpose = "voice.recordings.wave";

    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }

    /// <summary>The turn the utterance was answered by; null when nothing was recognised or the turn failed.</summary>
    public Guid? TurnId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public int SampleRate { get; set; }
    public int DurationMs { get; set; }
    public required string Wave { get; set; }
}

internal sealed class UtteranceRecordingConfiguration(DbContext context) : IEntityTypeConfiguration<UtteranceRecording>
{
    public void Configure(EntityTypeBuilder<UtteranceRecording> builder)
    {
        builder.ToTable("recordings");
        builder.HasKey(r => r.Id);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Turn>().WithMany().HasForeignKey(r => r.TurnId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ConversationId, r.RecordedAt }).HasDatabaseName("ix_recordings_conversation");
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property(r => r.ConversationId).HasColumnName("conversation_id");
        builder.Property(r => r.TurnId).HasColumnName("turn_id");
        builder.Property(r => r.RecordedAt).HasColumnName("recorded_at");
        builder.Property(r => r.SampleRate).HasColumnName("sample_rate");
        builder.Property(r => r.DurationMs).HasColumnName("duration_ms");
        builder.Property(r => r.Wave).HasColumnName("wave").IsEncryptedPhi(context, UtteranceRecording.Purpose);
    }
}
