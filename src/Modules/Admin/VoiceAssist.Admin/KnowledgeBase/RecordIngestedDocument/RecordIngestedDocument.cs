using VoiceAssist.Admin.Data;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Admin.KnowledgeBase.RecordIngestedDocument;

/// <summary>Keeps the console's knowledge-base activity list from Knowledge's <see cref="DocumentIngested"/> events.</summary>
internal sealed class RecordIngestedDocument(AdminDbContext db) : IdempotentConsumer<DocumentIngested, AdminDbContext>(db)
{
    protected override Task Handle(DocumentIngested integrationEvent, CancellationToken cancellationToken)
    {
        Db.KnowledgeBaseActivity.Add(new KnowledgeBaseActivity
        {
            DocumentId = integrationEvent.DocumentId,
            Title = integrationEvent.Title,
            CharacterCount = integrationEvent.CharacterCount,
            IngestedAt = integrationEvent.OccurredAt,
        });
        return Task.CompletedTask;
    }
}
