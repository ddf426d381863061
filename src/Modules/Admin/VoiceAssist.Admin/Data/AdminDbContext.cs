using Microsoft.EntityFrameworkCore;
using VoiceAssist.Admin.KnowledgeBase;
using VoiceAssist.Admin.Policy;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.Admin.Data;

internal sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : ModuleDbContext(options, AdminModule.Schema)
{
    public DbSet<KnowledgeBaseActivity> KnowledgeBaseActivity => Set<KnowledgeBaseActivity>();

    public DbSet<ConsoleSetting> ConsoleSettings => Set<ConsoleSetting>();

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
        modelBuilder.Entity<ConsoleSetting>(setting =>
        {
            setting.ToTable("console_settings");
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasColumnName("key");
            setting.Property(s => s.Value).HasColumnName("value");
            setting.Property(s => s.UpdatedAt).HasColumnName("updated_at");
            setting.Property(s => s.UpdatedBy).HasColumnName("updated_by");
        });
    }
}
