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
/// conversation already holds. Turns of one conversation are taken one at a time (the conversation row is locked).</summary>
[TouchesPhi]
internal sealed record TakeTurn(Guid ConversationId, string CallerId, string Text) : ICommand<TakenTurn>;

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

internal sealed class TakeTurnHandler(VoiceDbContext db, DialogueEngine engine, TimeProvider time) : IRequestHandler<TakeTurn, TakenTurn>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<TakenTurn> Handle(TakeTurn request, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations
            .FromSql($"SELECT * FROM voice.conversations WHERE id = {request.ConversationId} AND owner_id = {request.CallerId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conversation", request.ConversationId);
        var state = conversation.State is null ? new DialogueState() : JsonSerializer.Deserialize<DialogueState>(conversation.State, Json) ?? new DialogueState();

        var reply = await engine.Respond(request.Text, state, request.CallerId, cancellationToken);

        var sequence = await db.Turns.CountAsync(t => t.ConversationId == conversation.Id, cancellationToken) + 1;
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
        return new TakenTurn(turn.Id, sequence, reply.Reply, reply.ClarifyingQuestion, reply.Citations, reply.Calculator, reply.Understood)
        {
            Differential = reply.Differential,
            Calendar = reply.Calendar,
        };
    }
}
