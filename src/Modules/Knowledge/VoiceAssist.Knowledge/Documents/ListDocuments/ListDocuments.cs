using System.Text;
using FluentValidation;
using Npgsql;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Knowledge.Documents.ListDocuments;

internal sealed class ListDocumentsValidator : AbstractValidator<ListKnowledgeDocuments>
{
    public static readonly string[] Statuses = [DocumentStatus.Queued, DocumentStatus.Extracting, DocumentStatus.Embedding, DocumentStatus.Ready, DocumentStatus.Failed];
    public static readonly string[] SourceKinds = [SourceTypes.Pdf, SourceTypes.Image, SourceTypes.Html, SourceTypes.Markdown, SourceTypes.Text];

    public ListDocumentsValidator()
    {
        RuleFor(l => l.Status).Must(s => s is null || Statuses.Contains(s)).WithMessage($"Use one of: {string.Join(", ", Statuses)}.");
        RuleFor(l => l.SourceType).Must(s => s is null || SourceKinds.Contains(s)).WithMessage($"Use one of: {string.Join(", ", SourceKinds)}.");
        RuleFor(l => l.Kind).Must(k => k is KnowledgeDocumentKinds.Shared or KnowledgeDocumentKinds.Patient).WithMessage("Use shared or patient.");
        RuleFor(l => l.Search).MaximumLength(200)
            .Must((l, s) => string.IsNullOrWhiteSpace(s) || l.Kind == KnowledgeDocumentKinds.Shared)
            .WithMessage("Patient documents cannot be searched by title: their titles are theirs alone.");
        RuleFor(l => l.After).Must(a => a is null || Guid.TryParseExact(a, "N", out _)).WithMessage("Not a cursor from a previous page.");
        RuleFor(l => l.PageSize).InclusiveBetween(1, 200);
    }
}

/// <summary>Keyset paging over <c>knowledge.documents</c> newest first (ids are UUIDv7, so id order is creation
/// order, and the primary key or the (status, id) / (source_type, id) indexes serve every filter); the page's
/// embedded passages are counted with one grouped read of its documents' chunks. A patient document's row carries
/// no words of it, so listing it reads nothing of its encrypted contents.</summary>
internal sealed class ListDocumentsHandler(NpgsqlDataSource dataSource, KnowledgeChanges changes) : IRequestHandler<ListKnowledgeDocuments, KnowledgeDocumentPage>
{
    private const int CountLimit = 10_000;

    public async Task<KnowledgeDocumentPage> Handle(ListKnowledgeDocuments request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var patient = request.Kind == KnowledgeDocumentKinds.Patient;
        var filter = new StringBuilder(patient ? "owner_id IS NOT NULL" : "owner_id IS NULL");
        var parameters = new List<NpgsqlParameter>();
        if (request.Status is { } status)
        {
            filter.Append(" AND status = @status");
            parameters.Add(new NpgsqlParameter("status", status));
        }

        if (request.SourceType is { } sourceType)
        {
            filter.Append(" AND source_type = @source_type");
            parameters.Add(new NpgsqlParameter("source_type", sourceType));
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            filter.Append(" AND title ILIKE @search ESCAPE '\\'");
            parameters.Add(new NpgsqlParameter("search", "%" + Escape(request.Search.Trim()) + "%"));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await Count(connection, filter.ToString(), parameters, cancellationToken);
        var rows = new List<KnowledgeDocumentRow>();
        await using (var page = new NpgsqlCommand($"""
            SELECT id, title, file_name, source_type, publisher, external_id, status, status_detail, failure_reason, page_count, chunk_count,
                   owner_id, ingested_at, updated_at
            FROM knowledge.documents
            WHERE {filter}{(request.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @take
            """, connection))
        {
            page.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            if (request.After is { } after)
            {
                page.Parameters.AddWithValue("after", Guid.ParseExact(after, "N"));
            }

            page.Parameters.AddWithValue("take", request.PageSize + 1);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new KnowledgeDocumentRow(
                    reader.GetGuid(0),
                    patient ? null : reader.GetString(1),
                    patient || reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3),
                    patient || reader.IsDBNull(4) ? null : reader.GetString(4),
                    patient || reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetInt32(9),
                    reader.GetInt32(10),
                    0,
                    reader.IsDBNull(11) ? null : reader.GetGuid(11),
                    reader.GetFieldValue<DateTimeOffset>(12),
                    reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
            }
        }

        var more = rows.Count > request.PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var embedded = await Embedded(connection, rows.Select(r => r.Id).ToArray(), cancellationToken);
        var documents = rows.Select(r => r with { PassagesEmbedded = embedded.GetValueOrDefault(r.Id) }).ToList();
        return new KnowledgeDocumentPage(documents, Math.Min(total, CountLimit), total > CountLimit, more ? documents[^1].Id.ToString("N") : null);
    }

    private static async Task<int> Count(NpgsqlConnection connection, string filter, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        // Counting stops one past the limit, so a filter matching 50,000 documents costs no more than one matching 10,001.
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM (SELECT 1 FROM knowledge.documents WHERE {filter} LIMIT {CountLimit + 1}) x", connection);
        count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<Guid, int>> Embedded(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        var embedded = new Dictionary<Guid, int>();
        if (ids.Length == 0)
        {
            return embedded;
        }

        await using var command = new NpgsqlCommand(
            "SELECT document_id, count(*)::int FROM knowledge.chunks WHERE document_id = ANY(@ids) AND embedding IS NOT NULL GROUP BY document_id", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            embedded[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return embedded;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
