using System.Globalization;
using System.Text.Json;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Knowledge.Documents.ImportDocuments;

/// <summary>Reads JSON lines <c>{"id","title","text"}</c> (optional publisher, publishedOn, url, licence, tags) and
/// indexes them in batches of 500, one transaction each (<see cref="ImportDocuments"/>); <c>id</c> becomes the
/// document's external id. A bad line is reported with its number and does not stop the others. The one import path:
/// <c>POST /api/knowledge/documents/import</c> and the console both send <see cref="ImportKnowledgeDocuments"/>.</summary>
internal sealed class ImportJsonLinesHandler(ISender sender, KnowledgeChanges changes) : IRequestHandler<ImportKnowledgeDocuments, KnowledgeImportSummary>
{
    private const int BatchSize = 500;
    private const int MaxReportedErrors = 100;

    public async Task<KnowledgeImportSummary> Handle(ImportKnowledgeDocuments request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var errors = new List<KnowledgeImportLineError>();
        var batch = new List<AddKnowledgeDocument>();
        var batchLines = new List<int>();
        int received = 0, created = 0, replaced = 0, unchanged = 0, rejected = 0;

        async Task Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                foreach (var accepted in await sender.Send(new ImportDocuments([.. batch]), cancellationToken))
                {
                    _ = accepted.Outcome switch
                    {
                        "created" => created++,
                        "replaced" => replaced++,
                        _ => unchanged++,
                    };
                }
            }
            catch (FluentValidation.ValidationException validation)
            {
                // Lines were checked one by one before batching; this is a safety net, reported per batch.
                rejected += batch.Count;
                errors.Add(new KnowledgeImportLineError(batchLines[0], validation.Errors.First().ErrorMessage));
            }

            batch.Clear();
            batchLines.Clear();
        }

        using var reader = new StreamReader(request.JsonLines);
        var lineNumber = 0;
        var validator = new AddKnowledgeDocumentValidator();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            received++;
            var (document, error) = Parse(line);
            if (document is not null && (await validator.ValidateAsync(document, cancellationToken)) is { IsValid: false } invalid)
            {
                error = invalid.Errors[0].ErrorMessage;
            }

            if (error is not null)
            {
                rejected++;
                if (errors.Count < MaxReportedErrors)
                {
                    errors.Add(new KnowledgeImportLineError(lineNumber, error));
                }

                continue;
            }

            batch.Add(document!);
            batchLines.Add(lineNumber);
            if (batch.Count >= BatchSize)
            {
                await Flush();
            }
        }

        await Flush();
        if (received == 0)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("file",
                "The file has no lines. Send one JSON object per line: {\"id\",\"title\",\"text\"}.")]);
        }

        return new KnowledgeImportSummary(received, created, replaced, unchanged, rejected, errors);
    }

    private static (AddKnowledgeDocument? Document, string? Error) Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The line is not a JSON object.");
            }

            if (TextInput.FindNul(root) is { } refused)
            {
                return (null, $"\"{refused.TrimStart('.')}\": {TextInput.Refusal}");
            }

            var id = Text(root, "id");
            var text = Text(root, "text");
            if (string.IsNullOrWhiteSpace(id))
            {
                return (null, "\"id\" is missing.");
            }

            // A title without text is a document found by its title; one of the two is needed.
            var title = Text(root, "title") ?? "";
            if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(title))
            {
                return (null, "\"text\" and \"title\" are both missing or empty.");
            }

            DateOnly? publishedOn = null;
            if (Text(root, "publishedOn") is { } date)
            {
                if (!DateOnly.TryParse(date, CultureInfo.InvariantCulture, out var parsed))
                {
                    return (null, "\"publishedOn\" is not a date such as 2024-05-31.");
                }

                publishedOn = parsed;
            }

            var tags = root.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : null;
            var metadata = new DocumentMetadata(id.Trim(), Text(root, "publisher"), publishedOn, Text(root, "version"), Text(root, "url"), Text(root, "licence"), tags);
            return (new AddKnowledgeDocument(title, text ?? "", metadata), null);
        }
        catch (JsonException)
        {
            return (null, "The line is not valid JSON.");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
