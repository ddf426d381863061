using Microsoft.EntityFrameworkCore;
using VoiceAssist.Admin.KnowledgeBase;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.Admin.Data;

internal sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : ModuleDbContext(options, AdminModule.Schema)
{
    public DbSet<KnowledgeBaseActivity> KnowledgeBaseActivity => Set<KnowledgeBaseActivity>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnowledgeBaseActivity>(activity =>
        {
            activity.ToTable("knowledge_base_activity");
            activity.HasKey(a => a.DocumentId);
            activity.Property(a => a.DocumentId).HasColumnName("document_id");
            activity.Property(a => a.Title).HasColumnName("title");
            activity.Property(a => a.CharacterCount).HasColumnName("character_count");
            activity.Property(a => a.IngestedAt).HasColumnName("ingested_at");
        });
    }
}
