namespace VoiceAssist.Voice.ToolCalling;

/// <summary>The <c>Voice:Llm</c> section: an OpenAI-compatible chat completions endpoint. Without a base URL the
/// conversation engine stays offline.</summary>
internal sealed class LlmOptions
{
    public const string Section = "Voice:Llm";

    /// <summary>The API root the client appends <c>chat/completions</c> to, for example <c>https://api.openai.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Sampling temperature of the conversation (0 to 2); the differential is always ranked at 0.</summary>
    public float Temperature { get; set; }

    /// <summary>The longest reply one model call may write (sent as <c>max_completion_tokens</c>).</summary>
    public int MaxOutputTokens { get; set; } = 800;

    /// <summary>How many model calls one turn may make while the model keeps asking for tools.</summary>
    public int MaxToolRounds { get; set; } = 5;

    /// <summary>How long one model call may take before the offline engine answers the turn instead.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
