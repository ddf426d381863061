namespace VoiceAssist.Voice.Conversations;

internal sealed class Conversation
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The dialogue's memory between turns as JSON; holds patient details.</summary>
    public string? State { get; set; }
}
