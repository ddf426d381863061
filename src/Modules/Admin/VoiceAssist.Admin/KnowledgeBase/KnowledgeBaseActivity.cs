namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>The console's own record of a document the knowledge base announced.</summary>
internal sealed class KnowledgeBaseActivity
{
    public Guid DocumentId { get; set; }
    public required string Title { get; set; }
    public int CharacterCount { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
}
