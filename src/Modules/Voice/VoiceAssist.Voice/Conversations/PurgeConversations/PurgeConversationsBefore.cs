using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Voice.Contracts;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Conversations.PurgeConversations;

/// <summary>Voice's side of the retention purge: the conversations themselves are Voice's data, so only Voice deletes
/// them. A conversation's last activity is its newest turn, or its start when it has none.</summary>
internal sealed class PurgeConversationsBeforeHandler(VoiceDbContext db) : IRequestHandler<PurgeConversationsBefore, ConversationsPurged>
{
    public async Task<ConversationsPurged> Handle(PurgeConversationsBefore request, CancellationToken cancellationToken)
    {
        var heldOwners = request.HeldOwnerIds.ToList();
        var heldConversations = request.HeldConversationIds.ToList();
        var expired = db.Conversations
            .Where(c => c.StartedAt < request.Cutoff && !db.Turns.Any(t => t.ConversationId == c.Id && t.CreatedAt >= request.Cutoff))
            .Where(c => !heldOwners.Contains(c.OwnerId) && !heldConversations.Contains(c.Id));
        var turns = await db.Turns.Where(t => expired.Any(c => c.Id == t.ConversationId)).ExecuteDeleteAsync(cancellationToken);
        var conversations = await expired.ExecuteDeleteAsync(cancellationToken);
        return new ConversationsPurged(conversations, turns);
    }
}
