using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Integrations.Connectors;

namespace VoiceAssist.Integrations.Data;

internal sealed class IntegrationsDbContext(DbContextOptions<IntegrationsDbContext> options) : ModuleDbContext(options, IntegrationsModule.Schema)
{
    public DbSet<Connector> Connectors => Set<Connector>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Connector>(connector =>
        {
            connector.ToTable("connectors");
            connector.HasKey(c => c.Kind);
            connector.Property(c => c.Kind).HasColumnName("kind");
            connector.Property(c => c.BaseUrl).HasColumnName("base_url");
            connector.Property(c => c.Enabled).HasColumnName("enabled");
            connector.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        });
    }
}
