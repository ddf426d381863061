using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Integrations.Accounts;
using VoiceAssist.Integrations.Connectors;

namespace VoiceAssist.Integrations.Data;

internal sealed class IntegrationsDbContext(DbContextOptions<IntegrationsDbContext> options) : ModuleDbContext(options, IntegrationsModule.Schema)
{
    public DbSet<Connector> Connectors => Set<Connector>();

    public DbSet<LinkedAccount> LinkedAccounts => Set<LinkedAccount>();

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

        modelBuilder.Entity<LinkedAccount>(account =>
        {
            account.ToTable("linked_accounts");
            account.HasKey(a => a.Id);
            account.HasIndex(a => new { a.OwnerId, a.Kind }).HasDatabaseName("ix_linked_accounts_owner");
            account.Property(a => a.Id).HasColumnName("id");
            account.Property(a => a.OwnerId).HasColumnName("owner_id");
            account.Property(a => a.Kind).HasColumnName("kind");
            account.Property(a => a.Scope).HasColumnName("scope");
            account.Property(a => a.ServerUrl).HasColumnName("server_url");
            account.Property(a => a.SmtpUrl).HasColumnName("smtp_url");
            account.Property(a => a.UserName).HasColumnName("user_name");
            account.Property(a => a.Secret).HasColumnName("secret").IsEncryptedPhi(this, LinkedAccount.SecretPurpose);
            account.Property(a => a.TimeZone).HasColumnName("time_zone");
            account.Property(a => a.CreatedAt).HasColumnName("created_at");
            account.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            account.Property(a => a.LastError).HasColumnName("last_error");
            account.Property(a => a.LastErrorAt).HasColumnName("last_error_at");
        });
    }
}
