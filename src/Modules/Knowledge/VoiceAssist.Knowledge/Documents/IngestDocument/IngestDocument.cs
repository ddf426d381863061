using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.IngestDocument;

/// <summary>Adds a plain-text document to the knowledge base and announces it to the other modules.</summary>
internal sealed record IngestDocument(string Title, string Text, string? Publisher) : ICommand<IngestedDocument>;

internal sealed record IngestedDocument(Guid Id, string Title, DateTimeOffset IngestedAt);

internal sealed class IngestDocumentValidator : AbstractValidator<IngestDocument>
{
    public const int MaxTextLength = 5_000_000;

    public IngestDocumentValidator()
    {
        RuleFor(d => d.Title).NotEmpty().MaximumLength(300);
        RuleFor(d => d.Text).NotEmpty().MaximumLength(MaxTextLength);
        RuleFor(d => d.Publisher).MaximumLength(200);
    }
}

internal sealed class IngestDocumentHandler(KnowledgeDbContext db, TimeProvider time) : IRequestHandler<IngestDocument, IngestedDocument>
{
    public async Task<IngestedDocument> Handle(IngestDocument request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var document = new Document { Id = Guid.CreateVersion7(), Title = request.Title.Trim(), Publisher = request.Publisher?.Trim(), Text = request.Text, IngestedAt = now };
        db.Documents.Add(document);
        db.AddIntegrationEvent(new DocumentIngested(Guid.CreateVersion7(), now, document.Id, document.Title, document.Text.Length));
        await db.SaveChangesAsync(cancellationToken);
        return new IngestedDocument(document.Id, document.Title, now);
    }
}
