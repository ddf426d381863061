using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Voice.Conversations;

namespace VoiceAssist.Voice.Data;

internal sealed class VoiceDbContext(DbContextOptions<VoiceDbContext> options) : ModuleDbContext(options, VoiceModule.Schema)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

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
        });
    }
}
