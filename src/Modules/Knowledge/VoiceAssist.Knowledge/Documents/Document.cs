namespace VoiceAssist.Knowledge.Documents;

internal sealed class Document
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public string? Publisher { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
}
