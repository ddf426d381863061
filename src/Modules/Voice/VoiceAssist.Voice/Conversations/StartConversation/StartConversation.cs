using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Voice.Contracts;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Conversations.StartConversation;

/// <summary>Opens a new conversation for the calling clinician.</summary>
internal sealed record StartConversation(string OwnerId) : ICommand<StartedConversation>;

internal sealed record StartedConversation(Guid Id, DateTimeOffset StartedAt);

internal sealed class StartConversationHandler(VoiceDbContext db, TimeProvider time) : IRequestHandler<StartConversation, StartedConversation>
{
    public async Task<StartedConversation> Handle(StartConversation request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = new Conversation { Id = Guid.CreateVersion7(), OwnerId = request.OwnerId, StartedAt = now };
        db.Conversations.Add(conversation);
        db.AddIntegrationEvent(new ConversationStarted(Guid.CreateVersion7(), now, conversation.Id, conversation.OwnerId));
        await db.SaveChangesAsync(cancellationToken);
        return new StartedConversation(conversation.Id, now);
    }
}
