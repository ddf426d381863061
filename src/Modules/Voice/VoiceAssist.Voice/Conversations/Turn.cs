namespace VoiceAssist.Voice.Conversations;

/// <summary>One exchange: what the clinician said and what the conversation answered. The text identifies patients,
/// so it lives only here and is never logged.</summary>
internal sealed class Turn
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public int Sequence { get; set; }
    public required string Text { get; set; }
    public required string Reply { get; set; }
    public string? ClarifyingQuestion { get; set; }
    public required string Intent { get; set; }

    /// <summary>The whole reply as JSON: citations, calculator result and what was understood.</summary>
    public required string Details { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
