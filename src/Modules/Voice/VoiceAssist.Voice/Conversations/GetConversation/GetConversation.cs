using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Conversations.BreakGlass;
using VoiceAssist.Voice.Conversations.TakeTurn;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Knowledge;

namespace VoiceAssist.Voice.Conversations.GetConversation;

/// <summary>One of the caller's conversations with its turns. Another clinician's conversation is reported as not
/// found, so its existence does not leak, unless the caller holds a break-glass grant for it.</summary>
[TouchesPhi]
internal sealed record GetConversation(Guid Id, string CallerId) : IQuery<ConversationDetails>;

internal sealed record ConversationDetails(Guid Id, DateTimeOffset StartedAt, IReadOnlyList<TurnDetails> Turns);

internal sealed record TurnDetails(
    Guid Id,
    int Sequence,
    DateTimeOffset At,
    string Text,
    string Reply,
    string? ClarifyingQuestion,
    IReadOnlyList<Citation> Citations,
    CalculatorOutcome? Calculator,
    Understood? Understood);

internal sealed class GetConversationHandler(VoiceDbContext db, EmergencyConversationAccess access) : IRequestHandler<GetConversation, ConversationDetails>
{
    public async Task<ConversationDetails> Handle(GetConversation request, CancellationToken cancellationToken)
    {
        await access.EnsureReadable(request.Id, request.CallerId, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == request.Id)
            .Select(c => new { c.Id, c.StartedAt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conversation", request.Id);
        var turns = await db.Turns.AsNoTracking()
            .Where(t => t.ConversationId == conversation.Id)
            .OrderBy(t => t.Sequence)
            .ToListAsync(cancellationToken);
        return new ConversationDetails(conversation.Id, conversation.StartedAt, [.. turns.Select(Describe)]);
    }

    private static TurnDetails Describe(Turn turn)
    {
        var reply = JsonSerializer.Deserialize<TurnReply>(turn.Details, TakeTurnHandler.Json);
        return new TurnDetails(turn.Id, turn.Sequence, turn.CreatedAt, turn.Text, turn.Reply, turn.ClarifyingQuestion, reply?.Citations ?? [], reply?.Calculator, reply?.Understood);
    }
}
