namespace VoiceAssist.Knowledge.Answers.Generative;

/// <summary>The <c>Knowledge:Answers:Llm</c> section: an OpenAI-compatible Chat Completions endpoint that writes
/// answers from the retrieved passages. Without a base URL answers stay extractive.</summary>
internal sealed class AnswerLlmOptions
{
    public const string Section = "Knowledge:Answers:Llm";

    /// <summary>The API root the client appends <c>chat/completions</c> to, for example <c>https://api.openai.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>How long the whole model call (retry included) may take before the extractive answer is given instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries of a failed call (connection error, 429, 5xx) within <see cref="Timeout"/>.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Upper bound on the length of the reply; a short cited answer needs far less.</summary>
    public int MaxOutputTokens { get; set; } = 400;

    /// <summary>Sampling temperature (0 to 2); 0 keeps answers closest to the passages.</summary>
    public float Temperature { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
