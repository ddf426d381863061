using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Voice.Conversations;
using VoiceAssist.Voice.VoiceSessions;

namespace VoiceAssist.Voice.Data;

internal sealed class VoiceDbContext(DbContextOptions<VoiceDbContext> options) : ModuleDbContext(options, VoiceModule.Schema)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Turn> Turns => Set<Turn>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.HasKey(c => c.Id);
            conversation.HasIndex(c => new { c.OwnerId, c.StartedAt }).HasDatabaseName("ix_conversations_owner");
            conversation.Property(c => c.Id).HasColumnName("id");
            conversation.Property(c => c.OwnerId).HasColumnName("owner_id");
            conversation.Property(c => c.StartedAt).HasColumnName("started_at");
            conversation.Property(c => c.State).HasColumnName("state").IsEncryptedPhi(this, "voice.conversations.state");
        });

        modelBuilder.Entity<Turn>(turn =>
        {
            turn.ToTable("turns");
            turn.HasKey(t => t.Id);
            turn.HasOne<Conversation>().WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
            turn.HasIndex(t => new { t.ConversationId, t.Sequence }).IsUnique().HasDatabaseName("ux_turns_conversation_sequence");
            turn.Property(t => t.Id).HasColumnName("id");
            turn.Property(t => t.ConversationId).HasColumnName("conversation_id");
            turn.Property(t => t.Sequence).HasColumnName("sequence");
            // What was said and answered identifies patients: encrypted in the application (AES-256-GCM under the
            // Compliance key ring) before it reaches PostgreSQL. The purpose binds each ciphertext to its column.
            turn.Property(t => t.Text).HasColumnName("text").IsEncryptedPhi(this, "voice.turns.text");
            turn.Property(t => t.Reply).HasColumnName("reply").IsEncryptedPhi(this, "voice.turns.reply");
            turn.Property(t => t.ClarifyingQuestion).HasColumnName("clarifying_question").IsEncryptedPhi(this, "voice.turns.clarifying_question");
            turn.Property(t => t.Intent).HasColumnName("intent");
            turn.Property(t => t.Details).HasColumnName("details").IsEncryptedPhi(this, "voice.turns.details");
            turn.Property(t => t.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.ApplyConfiguration(new TurnTimingConfiguration());
        modelBuilder.ApplyConfiguration(new VoiceSessions.Recording.UtteranceRecordingConfiguration(this));
    }
}
