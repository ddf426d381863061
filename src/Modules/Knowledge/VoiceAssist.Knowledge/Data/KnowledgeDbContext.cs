using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Knowledge.Documents;

namespace VoiceAssist.Knowledge.Data;

internal sealed class KnowledgeDbContext(DbContextOptions<KnowledgeDbContext> options) : ModuleDbContext(options, KnowledgeModule.Schema)
{
    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentSource> DocumentSources => Set<DocumentSource>();

    public DbSet<Chunk> Chunks => Set<Chunk>();

    public DbSet<PatientDocumentContent> PatientDocumentContents => Set<PatientDocumentContent>();

    public DbSet<PatientChunk> PatientChunks => Set<PatientChunk>();

    public DbSet<GuidelineSourceState> GuidelineSources => Set<GuidelineSourceState>();

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
            document.Property(d => d.ExternalId).HasColumnName("external_id");
            document.Property(d => d.SourceType).HasColumnName("source_type");
            document.Property(d => d.FileName).HasColumnName("file_name");
            document.Property(d => d.ContentHash).HasColumnName("content_hash");
            document.Property(d => d.PublishedOn).HasColumnName("published_on");
            document.Property(d => d.Version).HasColumnName("version");
            document.Property(d => d.Url).HasColumnName("url");
            document.Property(d => d.Licence).HasColumnName("licence");
            document.Property(d => d.Tags).HasColumnName("tags");
            document.Property(d => d.Status).HasColumnName("status");
            document.Property(d => d.StatusDetail).HasColumnName("status_detail");
            document.Property(d => d.FailureReason).HasColumnName("failure_reason");
            document.Property(d => d.PageCount).HasColumnName("page_count");
            document.Property(d => d.ChunkCount).HasColumnName("chunk_count");
            document.Property(d => d.Attempts).HasColumnName("attempts");
            document.Property(d => d.LeaseUntil).HasColumnName("lease_until");
            document.Property(d => d.IndexRevision).HasColumnName("index_revision");
            document.Property(d => d.UpdatedAt).HasColumnName("updated_at");
            document.Property(d => d.OwnerId).HasColumnName("owner_id");
            document.Property(d => d.AddedBy).HasColumnName("added_by");
            document.HasIndex(d => d.OwnerId).HasFilter("owner_id IS NOT NULL").HasDatabaseName("ix_documents_owner_id");
            document.HasIndex(d => d.ExternalId).IsUnique().HasFilter("external_id IS NOT NULL").HasDatabaseName("ix_documents_external_id");
            document.HasIndex(d => d.ContentHash).HasDatabaseName("ix_documents_content_hash");
            document.HasIndex(d => d.Status).HasFilter("status NOT IN ('ready', 'failed')").HasDatabaseName("ix_documents_status");
        });

        modelBuilder.Entity<DocumentSource>(source =>
        {
            source.ToTable("document_sources");
            source.HasKey(s => s.DocumentId);
            source.Property(s => s.DocumentId).HasColumnName("document_id");
            source.Property(s => s.MediaType).HasColumnName("media_type");
            source.Property(s => s.Content).HasColumnName("content");
            source.HasOne<Document>().WithOne().HasForeignKey<DocumentSource>(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Chunk>(chunk =>
        {
            chunk.ToTable("chunks");
            chunk.HasKey(c => c.Id);
            chunk.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            chunk.Property(c => c.DocumentId).HasColumnName("document_id");
            chunk.Property(c => c.Ordinal).HasColumnName("ordinal");
            chunk.Property(c => c.Page).HasColumnName("page");
            chunk.Property(c => c.Section).HasColumnName("section");
            chunk.Property(c => c.Text).HasColumnName("text");
            chunk.Property(c => c.TokenCount).HasColumnName("token_count");
            chunk.Property(c => c.Tsv).HasColumnName("tsv");
            chunk.Property(c => c.Embedding).HasColumnName("embedding");
            chunk.Property(c => c.EmbeddingModel).HasColumnName("embedding_model");
            chunk.HasOne<Document>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
            chunk.HasIndex(c => new { c.DocumentId, c.Ordinal }).HasDatabaseName("ix_chunks_document_id");
            chunk.HasIndex(c => c.Tsv).HasMethod("gin").HasDatabaseName("ix_chunks_tsv");
            chunk.HasIndex(c => c.Id).HasFilter("embedding IS NULL").HasDatabaseName("ix_chunks_pending_embedding");
            chunk.HasIndex(c => new { c.EmbeddingModel, c.Id }).HasDatabaseName("ix_chunks_embedding_model");
        });
        // Patient documents' words: every text column encrypted (migration 0006), so the re-encryption job finds them.
        modelBuilder.Entity<PatientDocumentContent>(content =>
        {
            content.ToTable("patient_document_contents");
            content.HasKey(c => c.DocumentId);
            content.Property(c => c.DocumentId).HasColumnName("document_id");
            content.Property(c => c.Title).HasColumnName("title").IsEncryptedPhi(this, PatientDocuments.TitlePurpose);
            content.Property(c => c.FileName).HasColumnName("file_name").IsEncryptedPhi(this, PatientDocuments.FileNamePurpose);
            content.Property(c => c.Text).HasColumnName("text").IsEncryptedPhi(this, PatientDocuments.TextPurpose);
            content.Property(c => c.Source).HasColumnName("source").IsEncryptedPhi(this, PatientDocuments.SourcePurpose);
            content.HasOne<Document>().WithOne().HasForeignKey<PatientDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PatientChunk>(chunk =>
        {
            chunk.ToTable("patient_chunks");
            chunk.HasKey(c => c.Id);
            chunk.Property(c => c.Id).HasColumnName("id").HasDefaultValueSql("nextval(pg_get_serial_sequence('knowledge.chunks', 'id'))");
            chunk.Property(c => c.DocumentId).HasColumnName("document_id");
            chunk.Property(c => c.Ordinal).HasColumnName("ordinal");
            chunk.Property(c => c.Page).HasColumnName("page");
            chunk.Property(c => c.Section).HasColumnName("section").IsEncryptedPhi(this, PatientDocuments.SectionPurpose);
            chunk.Property(c => c.Text).HasColumnName("text").IsEncryptedPhi(this, PatientDocuments.ChunkTextPurpose);
            chunk.Property(c => c.Terms).HasColumnName("terms").IsEncryptedPhi(this, PatientDocuments.TermsPurpose);
            chunk.HasOne<Document>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
            chunk.HasIndex(c => new { c.DocumentId, c.Ordinal }).HasDatabaseName("ix_patient_chunks_document_id");
        });

        // Tables read and written with SQL (the search index's version row, OCR confidences, the guideline poller's
        // state); mapped so the model describes the whole schema.
        modelBuilder.Entity<IndexState>(state =>
        {
            state.ToTable("index_state");
            state.HasKey(s => s.Id);
            state.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            state.Property(s => s.Version).HasColumnName("version");
        });

        modelBuilder.Entity<OcrPage>(page =>
        {
            page.ToTable("ocr_pages");
            page.HasKey(p => new { p.DocumentId, p.Page });
            page.Property(p => p.DocumentId).HasColumnName("document_id");
            page.Property(p => p.Page).HasColumnName("page");
            page.Property(p => p.Confidence).HasColumnName("confidence");
            page.Property(p => p.Characters).HasColumnName("characters");
            page.HasOne<Document>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GuidelineSourceState>(source =>
        {
            source.ToTable("guideline_sources");
            source.HasKey(s => s.Id);
            source.Property(s => s.Id).HasColumnName("id");
            source.Property(s => s.Url).HasColumnName("url");
            source.Property(s => s.Name).HasColumnName("name");
            source.Property(s => s.Publisher).HasColumnName("publisher");
            source.Property(s => s.Licence).HasColumnName("licence");
            source.Property(s => s.Tags).HasColumnName("tags");
            source.Property(s => s.PollInterval).HasColumnName("poll_interval");
            source.Property(s => s.ETag).HasColumnName("etag");
            source.Property(s => s.LastModified).HasColumnName("last_modified");
            source.Property(s => s.ContentHash).HasColumnName("content_hash");
            source.Property(s => s.DocumentId).HasColumnName("document_id");
            source.Property(s => s.LastCheckedAt).HasColumnName("last_checked_at");
            source.Property(s => s.LastChangedAt).HasColumnName("last_changed_at");
            source.Property(s => s.LastError).HasColumnName("last_error");
            source.Property(s => s.CreatedAt).HasColumnName("created_at");
            source.Property(s => s.UpdatedAt).HasColumnName("updated_at");
            source.HasIndex(s => s.Url).IsUnique().HasDatabaseName("ix_guideline_sources_url");
        });

        modelBuilder.Entity<GuidelineSeededUrl>(seeded =>
        {
            seeded.ToTable("guideline_seeded_urls");
            seeded.HasKey(s => s.Url);
            seeded.Property(s => s.Url).HasColumnName("url");
        });
    }
}
