namespace VoiceAssist.Voice.Conversations;

internal sealed class Conversation
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}
