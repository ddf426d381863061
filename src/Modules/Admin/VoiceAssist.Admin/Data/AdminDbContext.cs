using Microsoft.EntityFrameworkCore;
using VoiceAssist.Admin.Policy;
using VoiceAssist.Admin.Usage;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.Admin.Data;

/// <summary>The console's own tables (only what is its own: it asks other modules for theirs through their contracts).</summary>
internal sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : ModuleDbContext(options, AdminModule.Schema)
{
    public DbSet<ConsoleSetting> ConsoleSettings => Set<ConsoleSetting>();

    public DbSet<UsageDay> UsageDays => Set<UsageDay>();

    public DbSet<UsagePrice> UsagePrices => Set<UsagePrice>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConsoleSetting>(setting =>
        {
            setting.ToTable("console_settings");
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasColumnName("key");
            setting.Property(s => s.Value).HasColumnName("value");
            setting.Property(s => s.Encrypted).HasColumnName("encrypted");
            setting.Property(s => s.UpdatedAt).HasColumnName("updated_at");
            setting.Property(s => s.UpdatedBy).HasColumnName("updated_by");
        });
        modelBuilder.Entity<UsageDay>(usage =>
        {
            usage.ToTable("usage_daily");
            usage.HasKey(u => new { u.Day, u.UserId, u.Meter, u.Model });
            usage.HasIndex(u => new { u.UserId, u.Day }).HasDatabaseName("ix_usage_daily_user");
            usage.Property(u => u.Day).HasColumnName("day");
            usage.Property(u => u.UserId).HasColumnName("user_id");
            usage.Property(u => u.Meter).HasColumnName("meter");
            usage.Property(u => u.Model).HasColumnName("model");
            usage.Property(u => u.Quantity).HasColumnName("quantity");
        });
        modelBuilder.Entity<UsagePrice>(price =>
        {
            price.ToTable("usage_prices");
            price.HasKey(p => new { p.Meter, p.Model });
            price.Property(p => p.Meter).HasColumnName("meter");
            price.Property(p => p.Model).HasColumnName("model");
            price.Property(p => p.PricePerUnit).HasColumnName("price_per_unit");
            price.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        });
    }
}
