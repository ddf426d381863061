using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Voice.Conversations.BreakGlass;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.VoiceSessions.Recording;

namespace VoiceAssist.Voice.Conversations.Recordings;

/// <summary>The utterances recorded in one of the caller's conversations (only when <c>Voice:Recording:Enabled</c>):
/// ids, turns, times and lengths, no audio. Read like the conversation itself: the owner, or a break-glass grant.</summary>
[TouchesPhi]
internal sealed record ListRecordings(Guid ConversationId, string CallerId) : IQuery<IReadOnlyList<RecordingSummary>>;

internal sealed record RecordingSummary(Guid Id, Guid? TurnId, DateTimeOffset RecordedAt, int DurationMs);

internal sealed class ListRecordingsHandler(VoiceDbContext db, EmergencyConversationAccess access) : IRequestHandler<ListRecordings, IReadOnlyList<RecordingSummary>>
{
    public async Task<IReadOnlyList<RecordingSummary>> Handle(ListRecordings request, CancellationToken cancellationToken)
    {
        await access.EnsureReadable(request.ConversationId, request.CallerId, cancellationToken);
        return await db.Set<UtteranceRecording>().AsNoTracking()
            .Where(r => r.ConversationId == request.ConversationId)
            .OrderBy(r => r.RecordedAt)
            .Select(r => new RecordingSummary(r.Id, r.TurnId, r.RecordedAt, r.DurationMs))
            .ToListAsync(cancellationToken);
    }
}
