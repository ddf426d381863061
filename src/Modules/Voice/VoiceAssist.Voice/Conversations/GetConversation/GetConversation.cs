using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Conversations.GetConversation;

/// <summary>One of the caller's conversations. Another clinician's conversation is reported as not found, so its
/// existence does not leak.</summary>
[TouchesPhi]
internal sealed record GetConversation(Guid Id, string CallerId) : IQuery<ConversationDetails>;

internal sealed record ConversationDetails(Guid Id, DateTimeOffset StartedAt);

internal sealed class GetConversationHandler(VoiceDbContext db) : IRequestHandler<GetConversation, ConversationDetails>
{
    public async Task<ConversationDetails> Handle(GetConversation request, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking()
            .Where(c => c.Id == request.Id && c.OwnerId == request.CallerId)
            .Select(c => new ConversationDetails(c.Id, c.StartedAt))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Conversation", request.Id);
}
