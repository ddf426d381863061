using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Documents.ImportDocuments;

/// <summary>Indexes a batch of text documents in one transaction; the bulk endpoint sends one batch per few hundred lines.</summary>
internal sealed record ImportDocuments(IReadOnlyList<AddKnowledgeDocument> Documents) : ICommand<IReadOnlyList<KnowledgeDocumentAccepted>>;

internal sealed class ImportDocumentsValidator : AbstractValidator<ImportDocuments>
{
    public ImportDocumentsValidator()
    {
        RuleFor(i => i.Documents).NotNull().Must(d => d.Count <= 5000).WithMessage("At most 5,000 documents per batch.");
        RuleForEach(i => i.Documents).SetValidator(new AddKnowledgeDocumentValidator());
    }
}

internal sealed class AddKnowledgeDocumentValidator : AbstractValidator<AddKnowledgeDocument>
{
    public AddKnowledgeDocumentValidator()
    {
        RuleFor(d => d.Title).NotNull().MaximumLength(1000);
        // A document may be its title alone (an abstract-less PubMed record): it is found by its title.
        RuleFor(d => d.Text).NotNull().MaximumLength(IngestDocument.IngestDocumentValidator.MaxTextLength);
        RuleFor(d => d.Text).Must(t => t.Trim().Length > 0).When(d => d.Text is not null && string.IsNullOrWhiteSpace(d.Title))
            .WithMessage("The text is blank and there is no title.");
        RuleFor(d => d.Metadata!).SetValidator(new UploadDocument.DocumentMetadataValidator()).When(d => d.Metadata is not null);
    }
}

/// <summary>Each batch is one administrative change in the audit trail, with what it did (not the text itself).</summary>
internal sealed class ImportDocumentsHandler(TextIngestion ingestion, KnowledgeDbContext db, KnowledgeChanges changes) : IRequestHandler<ImportDocuments, IReadOnlyList<KnowledgeDocumentAccepted>>
{
    public async Task<IReadOnlyList<KnowledgeDocumentAccepted>> Handle(ImportDocuments request, CancellationToken cancellationToken)
    {
        var accepted = await ingestion.Ingest(request.Documents.Select(d => new TextDocumentInput(d.Title, d.Text, d.Metadata ?? new DocumentMetadata())).ToList(), cancellationToken);
        var changed = accepted.Where(a => a.Outcome != "unchanged").ToList();
        if (changed.Count > 0)
        {
            changes.Record(db, KnowledgeChanges.DocumentsImported, "knowledge_base", "import", null, null, new
            {
                Created = changed.Count(a => a.Outcome == "created"),
                Replaced = changed.Count(a => a.Outcome == "replaced"),
                Unchanged = accepted.Count - changed.Count,
                ExternalIds = request.Documents.Where((_, i) => accepted[i].Outcome != "unchanged").Select(d => d.Metadata?.ExternalId).Take(20).ToList(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return accepted;
    }
}
