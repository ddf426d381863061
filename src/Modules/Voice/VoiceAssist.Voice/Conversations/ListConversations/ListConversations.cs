using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Conversations.ListConversations;

/// <summary>The caller's conversations, newest first. Ids and times only: what was said is read one conversation at a time.</summary>
internal sealed record ListConversations(string CallerId) : IQuery<IReadOnlyList<ConversationSummary>>;

internal sealed record ConversationSummary(Guid Id, DateTimeOffset StartedAt, int Turns, DateTimeOffset? LastTurnAt);

internal sealed class ListConversationsHandler(VoiceDbContext db) : IRequestHandler<ListConversations, IReadOnlyList<ConversationSummary>>
{
    public async Task<IReadOnlyList<ConversationSummary>> Handle(ListConversations request, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking()
            .Where(c => c.OwnerId == request.CallerId)
            .OrderByDescending(c => c.StartedAt)
            .Select(c => new ConversationSummary(
                c.Id,
                c.StartedAt,
                db.Turns.Count(t => t.ConversationId == c.Id),
                db.Turns.Where(t => t.ConversationId == c.Id).Max(t => (DateTimeOffset?)t.CreatedAt)))
            .Take(200)
            .ToListAsync(cancellationToken);
}
