using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Ingestion;
using VoiceAssist.Knowledge.Search;

namespace VoiceAssist.Knowledge.Documents;

/// <summary>Patient documents: uploads flagged as containing patient information. Their words are stored only
/// encrypted (the purposes below are the associated data of each column), they are owned by their uploader, and only
/// the owner searches, reads or gets answers from them.</summary>
internal static class PatientDocuments
{
    /// <summary>What <c>knowledge.documents.title</c> and the integration events say instead of the real title.</summary>
    public const string PlaceholderTitle = "Patient document";

    public const string TitlePurpose = "knowledge.patient_document_contents.title";
    public const string FileNamePurpose = "knowledge.patient_document_contents.file_name";
    public const string TextPurpose = "knowledge.patient_document_contents.text";
    public const string SourcePurpose = "knowledge.patient_document_contents.source";
    public const string SectionPurpose = "knowledge.patient_chunks.section";
    public const string ChunkTextPurpose = "knowledge.patient_chunks.text";
    public const string TermsPurpose = "knowledge.patient_chunks.terms";

    public static string FormatTerms(IReadOnlyList<(string Lexeme, float Tf)> terms) =>
        JsonSerializer.Serialize(terms.GroupBy(t => t.Lexeme, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(t => t.Tf), StringComparer.Ordinal));

    public static Dictionary<string, float> ParseTerms(string terms) =>
        JsonSerializer.Deserialize<Dictionary<string, float>>(terms) ?? [];

    /// <summary>Replaces the passages of a patient document in the caller's transaction. The lexemes are computed by
    /// PostgreSQL's English configuration, as for every other passage, in a statement that stores nothing; they are
    /// kept only encrypted, with the passage.</summary>
    public static async Task ReplaceChunks(KnowledgeDbContext db, Guid documentId, string title, IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chunks);
        await db.PatientChunks.Where(c => c.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken);
        var (connection, transaction) = TextIngestion.Connection(db);
        var terms = new List<string>(chunks.Count);
        await using (var command = new NpgsqlCommand("""
            SELECT setweight(to_tsvector('english', knowledge.lexical_text(h)), 'A') || to_tsvector('english', knowledge.lexical_text(t))
            FROM unnest(@h, @t) WITH ORDINALITY AS x(h, t, n) ORDER BY n
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("h", chunks.Select(c => string.Join(' ', title, c.Section ?? "")).ToArray());
            command.Parameters.AddWithValue("t", chunks.Select(c => c.Text).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                terms.Add(FormatTerms(SearchIndex.Terms(reader.GetFieldValue<NpgsqlTsVector>(0))));
            }
        }

        db.PatientChunks.AddRange(chunks.Select((c, i) => new PatientChunk
        {
            DocumentId = documentId,
            Ordinal = c.Ordinal,
            Page = c.Page,
            Section = c.Section,
            Text = c.Text,
            Terms = terms[i],
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
