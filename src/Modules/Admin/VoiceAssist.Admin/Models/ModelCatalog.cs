namespace VoiceAssist.Admin.Models;

/// <summary>How a value of the models page is entered and checked.</summary>
internal enum ModelFieldKind
{
    /// <summary>The absolute http(s) root of an OpenAI-compatible API.</summary>
    Url,

    /// <summary>A name (model, voice): required while the section uses an OpenAI-compatible endpoint.</summary>
    Name,

    /// <summary>A sampling temperature from 0 to 2.</summary>
    Temperature,

    /// <summary>A whole number of tokens within <see cref="ModelField.Min"/> and <see cref="ModelField.Max"/>.</summary>
    Tokens,
}

/// <summary>One value of a section: the configuration key it sets and its default while nobody has set it (the owning
/// module's documented default).</summary>
internal sealed record ModelField(string Name, string Key, string Label, string Help, ModelFieldKind Kind, string Default, int Min = 0, int Max = 0);

/// <summary>An engine or model: which providers it can use, where its provider is stored, its values and its API key.
/// <see cref="ProviderKey"/> null means the provider is implied: offline while <c>BaseUrl</c> is empty (the model
/// sections, as their modules read them).</summary>
internal sealed record ModelSection(
    string Name,
    string Title,
    string Help,
    string? ProviderKey,
    IReadOnlyList<ModelProvider> Providers,
    string DefaultProvider,
    IReadOnlyList<ModelField> Fields,
    string ApiKeyKey,
    ConnectionProbe Probe)
{
    public ModelField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

/// <summary>A provider a section may choose; <see cref="Remote"/> ones are OpenAI-compatible endpoints.</summary>
internal sealed record ModelProvider(string Value, string Label, bool Remote);

/// <summary>The small real call "test connection" makes to an OpenAI-compatible endpoint.</summary>
internal enum ConnectionProbe
{
    /// <summary><c>POST {base}/chat/completions</c> with a one-line prompt.</summary>
    ChatCompletion,

    /// <summary><c>POST {base}/embeddings</c> of one word.</summary>
    Embedding,

    /// <summary><c>GET {base}/models</c>, and the model must be listed (audio endpoints have no free call).</summary>
    ModelList,
}

/// <summary>The engines and models the console configures. The keys are the owning modules' own
/// (docs/configuration.md); the console's values override them on every replica.</summary>
internal static class ModelCatalog
{
    public const string OpenAi = "openai";
    public const string Offline = "offline";

    /// <summary>The longest reply a model may be asked for; beyond it a slow or costly runaway reply is more likely than
    /// a useful one.</summary>
    public const int MaxOutputTokens = 16_384;

    private static readonly ModelProvider OpenAiCompatible = new(OpenAi, "OpenAI-compatible endpoint", Remote: true);
    private static readonly ModelProvider NoModel = new(Offline, "Offline (no model)", Remote: false);

    public static IReadOnlyList<ModelSection> Sections { get; } =
    [
        new("speechToText", "Speech to text", "What turns the clinician's speech into words.",
            "Voice:SpeechToText:Provider", [new("pocketsphinx", "Offline (pocketsphinx)", false), OpenAiCompatible], "pocketsphinx",
            [
                new("baseUrl", "Voice:SpeechToText:OpenAi:BaseUrl", "Base URL", "API root, e.g. https://api.openai.com/v1/; audio is posted to {base}/audio/transcriptions.", ModelFieldKind.Url, "https://api.openai.com/v1/"),
                new("model", "Voice:SpeechToText:OpenAi:Model", "Model", "e.g. whisper-1.", ModelFieldKind.Name, "whisper-1"),
            ],
            "Voice:SpeechToText:OpenAi:ApiKey", ConnectionProbe.ModelList),
        new("textToSpeech", "Text to speech", "What speaks the answers.",
            "Voice:TextToSpeech:Provider", [new("espeak", "Offline (espeak-ng, fastest)", false), new("flite", "Offline (flite, more natural)", false), OpenAiCompatible], "espeak",
            [
                new("baseUrl", "Voice:TextToSpeech:OpenAi:BaseUrl", "Base URL", "API root; text is posted to {base}/audio/speech.", ModelFieldKind.Url, "https://api.openai.com/v1/"),
                new("model", "Voice:TextToSpeech:OpenAi:Model", "Model", "e.g. tts-1.", ModelFieldKind.Name, "tts-1"),
                new("voice", "Voice:TextToSpeech:OpenAi:Voice", "Voice", "e.g. alloy.", ModelFieldKind.Name, "alloy"),
            ],
            "Voice:TextToSpeech:OpenAi:ApiKey", ConnectionProbe.ModelList),
        new("conversation", "Conversation model", "Runs the voice conversation, calling the calculators and the knowledge base, and ranks differentials. The clinician's words are sent to it: use a self-hosted model or one covered by a business associate agreement.",
            null, [NoModel, OpenAiCompatible], Offline,
            [
                new("baseUrl", "Voice:Llm:BaseUrl", "Base URL", "API root; requests go to {base}/chat/completions.", ModelFieldKind.Url, ""),
                new("model", "Voice:Llm:Model", "Model", "Model name sent with each request.", ModelFieldKind.Name, "gpt-4o-mini"),
                new("temperature", "Voice:Llm:Temperature", "Temperature", "0 to 2; 0 keeps replies most predictable.", ModelFieldKind.Temperature, "0"),
                new("maxOutputTokens", "Voice:Llm:MaxOutputTokens", "Longest reply (tokens)", $"16 to {MaxOutputTokens:N0}, per model call.", ModelFieldKind.Tokens, "800", 16, MaxOutputTokens),
            ],
            "Voice:Llm:ApiKey", ConnectionProbe.ChatCompletion),
        new("answers", "Answer model", "Writes knowledge base answers from the retrieved passages (otherwise answers are extractive). The question and the passages are sent to it.",
            null, [new(Offline, "Offline (extractive answers)", false), OpenAiCompatible], Offline,
            [
                new("baseUrl", "Knowledge:Answers:Llm:BaseUrl", "Base URL", "API root; requests go to {base}/chat/completions.", ModelFieldKind.Url, ""),
                new("model", "Knowledge:Answers:Llm:Model", "Model", "Model name sent with each request.", ModelFieldKind.Name, "gpt-4o-mini"),
                new("temperature", "Knowledge:Answers:Llm:Temperature", "Temperature", "0 to 2; 0 keeps answers closest to the passages.", ModelFieldKind.Temperature, "0"),
                new("maxOutputTokens", "Knowledge:Answers:Llm:MaxOutputTokens", "Longest answer (tokens)", $"16 to {MaxOutputTokens:N0}.", ModelFieldKind.Tokens, "400", 16, MaxOutputTokens),
            ],
            "Knowledge:Answers:Llm:ApiKey", ConnectionProbe.ChatCompletion),
        new("embeddings", "Embedding provider", "Turns passages and questions into vectors for semantic search. Unlike the others, it is read when a replica starts: a change applies at each replica's next start, and a new model means re-indexing the knowledge base (Knowledge base, Re-index all).",
            "Knowledge:Embeddings:Provider", [new("local", "Offline (bundled model on this server)", false), OpenAiCompatible, new("none", "None (keyword search only)", false)], "local",
            [
                new("baseUrl", "Knowledge:Embeddings:Endpoint", "Base URL", "API root; passages are posted to {base}/embeddings.", ModelFieldKind.Url, ""),
                new("model", "Knowledge:Embeddings:Model", "Model", "e.g. text-embedding-3-small.", ModelFieldKind.Name, "text-embedding-3-small"),
            ],
            "Knowledge:Embeddings:ApiKey", ConnectionProbe.Embedding),
    ];

    public static ModelSection? Find(string? name) => Sections.FirstOrDefault(s => s.Name == name);
}
