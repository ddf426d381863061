using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Knowledge.Documents;

namespace VoiceAssist.Knowledge.Data;

internal sealed class KnowledgeDbContext(DbContextOptions<KnowledgeDbContext> options) : ModuleDbContext(options, KnowledgeModule.Schema)
{
    public DbSet<Document> Documents => Set<Document>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Document>(document =>
        {
            document.ToTable("documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Id).HasColumnName("id");
            document.Property(d => d.Title).HasColumnName("title");
            document.Property(d => d.Publisher).HasColumnName("publisher");
            document.Property(d => d.Text).HasColumnName("text");
            document.Property(d => d.IngestedAt).HasColumnName("ingested_at");
        });
    }
}
