using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Encryption;
using VoiceAssist.Compliance.Retention;

namespace VoiceAssist.Compliance.Data;

internal sealed class ComplianceDbContext(DbContextOptions<ComplianceDbContext> options) : ModuleDbContext(options, ComplianceModule.Schema)
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainAnchor> AuditChainAnchors => Set<AuditChainAnchor>();

    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.HasKey(e => e.Id);
            // Every filter's index ends in (occurred_at, id), the keyset of the newest-first search (0007_audit_search_indexes.sql).
            entry.HasIndex(e => new { e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_entries_occurred_at");
            entry.HasIndex(e => e.SourceEventId).IsUnique().HasDatabaseName("ux_audit_entries_source_event");
            entry.Property(e => e.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            entry.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            entry.Property(e => e.Action).HasColumnName("action");
            entry.Property(e => e.ResourceType).HasColumnName("resource_type");
            entry.Property(e => e.ResourceId).HasColumnName("resource_id");
            entry.Property(e => e.ActorId).HasColumnName("actor_id");
            entry.Property(e => e.SourceEventId).HasColumnName("source_event_id");
            entry.Property(e => e.Outcome).HasColumnName("outcome");
            entry.Property(e => e.CorrelationId).HasColumnName("correlation_id");
            entry.Property(e => e.ActorRole).HasColumnName("actor_role");
            entry.Property(e => e.SessionId).HasColumnName("session_id");
            entry.Property(e => e.ClientIp).HasColumnName("client_ip");
            entry.Property(e => e.Reason).HasColumnName("reason");
            entry.Property(e => e.Before).HasColumnName("before_value");
            entry.Property(e => e.After).HasColumnName("after_value");
            entry.HasIndex(e => new { e.ActorId, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_entries_actor");
            entry.HasIndex(e => new { e.ResourceId, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_entries_resource");
            entry.HasIndex(e => new { e.Action, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_entries_action");
            entry.HasIndex(e => new { e.Outcome, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_entries_outcome").HasFilter("outcome IS NOT NULL");
            entry.HasIndex(e => new { e.CorrelationId, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_entries_correlation")
                .HasFilter("correlation_id IS NOT NULL");
            entry.HasIndex(e => e.ChainSequence).IsUnique().HasDatabaseName("ux_audit_entries_chain_sequence");

            // Appended to the hash chain by the database's insert trigger (0002_audit_chain.sql), read back on insert.
            entry.Property(e => e.ChainSequence).HasColumnName("chain_sequence").ValueGeneratedOnAdd();
            entry.Property(e => e.PreviousHash).HasColumnName("previous_hash").IsRequired().ValueGeneratedOnAdd();
            entry.Property(e => e.Hash).HasColumnName("hash").IsRequired().ValueGeneratedOnAdd();
        });

        modelBuilder.Entity<LegalHold>(hold =>
        {
            hold.ToTable("legal_holds");
            hold.HasKey(h => h.Id);
            hold.HasIndex(h => new { h.SubjectType, h.SubjectId }).HasDatabaseName("ix_legal_holds_active").HasFilter("released_at IS NULL");
            hold.Property(h => h.Id).HasColumnName("id");
            hold.Property(h => h.SubjectType).HasColumnName("subject_type");
            hold.Property(h => h.SubjectId).HasColumnName("subject_id");
            hold.Property(h => h.Reason).HasColumnName("reason");
            hold.Property(h => h.PlacedBy).HasColumnName("placed_by");
            hold.Property(h => h.PlacedAt).HasColumnName("placed_at");
            hold.Property(h => h.ReleasedBy).HasColumnName("released_by");
            hold.Property(h => h.ReleasedAt).HasColumnName("released_at");
        });

        // Read and written with plain SQL by the key ring (EF value converters are synchronous); mapped so the
        // schema test covers it.
        modelBuilder.Entity<EncryptionKeyRow>(key =>
        {
            key.ToTable("encryption_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
            key.Property(k => k.WrappedKey).HasColumnName("wrapped_key");
            key.Property(k => k.MasterKeyId).HasColumnName("master_key_id");
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<AuditChainAnchor>(anchor =>
        {
            anchor.ToTable("audit_chain_anchor");
            anchor.HasKey(a => a.Id);
            anchor.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            anchor.Property(a => a.ChainSequence).HasColumnName("chain_sequence");
            anchor.Property(a => a.Hash).HasColumnName("hash");
            anchor.Property(a => a.PurgedEntries).HasColumnName("purged_entries");
            anchor.Property(a => a.PurgedAt).HasColumnName("purged_at");
        });
    }
}
