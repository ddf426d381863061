using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Knowledge;

namespace VoiceAssist.Voice.Conversations.TakeTurn;

/// <summary>One thing the clinician said or typed in one of their conversations, answered in the light of what the
/// conversation already holds. Not an <see cref="ICommand{TResponse}"/>: the answer (search, model rounds) is worked
/// out outside any transaction, and the handler commits the turn in a short one of its own.</summary>
[TouchesPhi]
internal sealed record TakeTurn(Guid ConversationId, string CallerId, string Text) : IRequest<TakenTurn>;

internal sealed record TakenTurn(
    Guid TurnId,
    int Sequence,
    string Reply,
    string? ClarifyingQuestion,
    IReadOnlyList<Citation> Citations,
    CalculatorOutcome? Calculator,
    Understood Understood)
{
    public DifferentialOutcome? Differential { get; init; }

    public Dialogue.Calendar.CalendarOutcome? Calendar { get; init; }
}

internal sealed class TakeTurnValidator : AbstractValidator<TakeTurn>
{
    public const int MaxLength = 2000;

    public TakeTurnValidator() =>
        RuleFor(t => t.Text).NotEmpty().WithMessage("Say or type something.").MaximumLength(MaxLength);
}

/// <summary>Turns of one conversation are recorded one at a time and in order, without holding a lock while the
/// answer is worked out: the conversation is read without a lock, answered, and then locked briefly to record the
/// turn. If another turn was recorded meanwhile, the answer was worked out from a stale state, so it is discarded and
/// worked out again from the new one.</summary>
internal sealed class TakeTurnHandler(VoiceDbContext db, DialogueEngine engine, TimeProvider time) : IRequestHandler<TakeTurn, TakenTurn>
{
    /// <summary>Each round of a contest records at least one turn, so this many turns sent at once all get through;
    /// more than that on one conversation is not a clinician talking, and the rest are told to try again.</summary>
    internal const int MaxAttempts = 5;
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<TakenTurn> Handle(TakeTurn request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (stateJson, turnsSoFar) = await Read(request, cancellationToken);
            var state = stateJson is null ? new DialogueState() : JsonSerializer.Deserialize<DialogueState>(stateJson, Json) ?? new DialogueState();

            var reply = await engine.Respond(request.Text, state, request.CallerId, cancellationToken);

            if (await Record(request, reply, state, turnsSoFar, cancellationToken) is { } taken)
            {
                return taken;
            }
        }

        throw new ConflictException("The conversation kept changing while the answer was worked out; try again.");
    }

    private async Task<(string? State, int Turns)> Read(TakeTurn request, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == request.ConversationId && c.OwnerId == request.CallerId)
            .Select(c => new { c.State })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conversation", request.ConversationId);
        return (conversation.State, await db.Turns.CountAsync(t => t.ConversationId == request.ConversationId, cancellationToken));
    }

    /// <summary>Records the turn unless another was recorded since <paramref name="turnsSoFar"/> were counted.</summary>
    private async Task<TakenTurn?> Record(TakeTurn request, TurnReply reply, DialogueState state, int turnsSoFar, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var conversation = await db.Conversations
            .FromSql($"SELECT * FROM voice.conversations WHERE id = {request.ConversationId} AND owner_id = {request.CallerId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conversation", request.ConversationId);
        var sequence = await db.Turns.CountAsync(t => t.ConversationId == conversation.Id, cancellationToken) + 1;
        if (sequence != turnsSoFar + 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }

        var turn = new Turn
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            Sequence = sequence,
            Text = request.Text,
            Reply = reply.Reply,
            ClarifyingQuestion = reply.ClarifyingQuestion,
            Intent = reply.Understood.Intent,
            Details = JsonSerializer.Serialize(reply, Json),
            CreatedAt = time.GetUtcNow(),
        };
        conversation.State = JsonSerializer.Serialize(state, Json);
        db.Turns.Add(turn);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TakenTurn(turn.Id, sequence, reply.Reply, reply.ClarifyingQuestion, reply.Citations, reply.Calculator, reply.Understood)
        {
            Differential = reply.Differential,
            Calendar = reply.Calendar,
        };
    }
}
