using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Documents.IngestDocument;

/// <summary>Adds a plain-text document sent as JSON; it is keyword-searchable when this returns.</summary>
internal sealed record IngestDocument(string Title, string Text, string? Publisher) : ICommand<IngestedDocument>;

internal sealed record IngestedDocument(Guid Id, string Title, DateTimeOffset IngestedAt, string Status, string Outcome);

internal sealed class IngestDocumentValidator : AbstractValidator<IngestDocument>
{
    public const int MaxTextLength = 5_000_000;

    public IngestDocumentValidator()
    {
        RuleFor(d => d.Title).NotEmpty().MaximumLength(300);
        // The title alone is a document (found by its title); text is optional.
        RuleFor(d => d.Text).NotNull().MaximumLength(MaxTextLength);
        RuleFor(d => d.Publisher).MaximumLength(200);
    }
}

internal sealed class IngestDocumentHandler(TextIngestion ingestion, TimeProvider time) : IRequestHandler<IngestDocument, IngestedDocument>
{
    public async Task<IngestedDocument> Handle(IngestDocument request, CancellationToken cancellationToken)
    {
        var accepted = (await ingestion.Ingest([new TextDocumentInput(request.Title, request.Text, new DocumentMetadata(Publisher: request.Publisher))], cancellationToken))[0];
        return new IngestedDocument(accepted.DocumentId, request.Title.Trim(), time.GetUtcNow(), accepted.Status, accepted.Outcome);
    }
}
