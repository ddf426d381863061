namespace VoiceAssist.Knowledge;

/// <summary>The Knowledge module's settings (section <c>Knowledge</c>).</summary>
internal sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    public IngestionOptions Ingestion { get; set; } = new();

    public EmbeddingOptions Embeddings { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    public DemoDataOptions DemoData { get; set; } = new();

    public PubMed.PubMedOptions PubMed { get; set; } = new();

    public Guidelines.GuidelineOptions Guidelines { get; set; } = new();

    public LicensedSources.LicensedSourcesOptions LicensedSources { get; set; } = new();
}

internal sealed class IngestionOptions
{
    /// <summary>Runs the background worker that extracts and indexes uploaded files; off only in tests that need a
    /// document to stay queued.</summary>
    public bool WorkerEnabled { get; set; } = true;

    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    public int MaxPdfPages { get; set; } = 2000;

    /// <summary>How long a worker owns a document it is processing; a host that dies leaves it to be taken again
    /// after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxAttempts { get; set; } = 3;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A folder watched for files to ingest (unset: no folder is watched).</summary>
    public string? ImportFolder { get; set; }

    /// <summary>How often the import folder is looked at.</summary>
    public TimeSpan ImportFolderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public Ingestion.Ocr.OcrSettings Ocr { get; set; } = new();
}

internal sealed class EmbeddingOptions
{
    public const string Arctic = "arctic-embed-xs";

    /// <summary><c>arctic-embed-xs</c> (snowflake-arctic-embed-xs in process, offline; <c>local</c> is the same),
    /// <c>openai</c> (any OpenAI-compatible embeddings endpoint), or <c>none</c> (keyword search only). Read at every
    /// use: a change re-embeds the knowledge base in the background.</summary>
    public string Provider { get; set; } = Arctic;

    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "text-embedding-3-small";

    public int? Dimensions { get; set; }

    /// <summary>Passages the worker takes per round (one transaction).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Texts the in-process model encodes at once (sorted by length, so little padding is computed).</summary>
    public int EncodeGroupSize { get; set; } = 8;

    /// <summary>ONNX Runtime's threads per encoding; unset: half the processors (at least one), leaving the rest
    /// to searches, ingestion and the other modules.</summary>
    public int? IntraOpThreads { get; set; }

    public int EffectiveIntraOpThreads => IntraOpThreads ?? Math.Max(1, Environment.ProcessorCount / 2);

    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How long a search waits for its query's vector before it answers from keywords alone (and says so).</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

internal sealed class SearchOptions
{
    /// <summary><c>auto</c> (pgvector when <c>CREATE EXTENSION vector</c> succeeds, else in memory), <c>memory</c>, or <c>pgvector</c>.</summary>
    public string VectorIndex { get; set; } = "auto";

    public double K1 { get; set; } = 1.2;

    public double B { get; set; } = 0.75;

    /// <summary>Weight of a synonym or abbreviation expansion term relative to a term the user typed.</summary>
    public double ExpansionWeight { get; set; } = 0.4;

    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>The vector ranking's weight in fusion when the best keyword passage covers the whole query. Equal to
    /// the keyword weight by default: on the BioASQ development set plain reciprocal rank fusion of BM25 and
    /// snowflake-arctic-embed-xs scored best (docs/knowledge.md).</summary>
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>The vector ranking's weight when no keyword passage covers the query (lay words, paraphrases);
    /// in between, the weight moves linearly with the keyword coverage.</summary>
    public double VectorWeightWhenKeywordsMiss { get; set; } = 1.0;

    /// <summary>Keyword coverage at and above which the vector weight is <see cref="VectorWeight"/>.</summary>
    public double KeywordCoverageThreshold { get; set; } = 0.7;

    public int RrfK { get; set; } = 60;

    public int Candidates { get; set; } = 100;

    /// <summary>How stale another replica's changes may be before a search reloads them.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a search waits for the in-memory index to take in changes before it is answered by
    /// PostgreSQL's own ranking instead (the load carries on in the background).</summary>
    public TimeSpan MaxRefreshWait { get; set; } = TimeSpan.FromSeconds(1);
}

internal sealed class DemoDataOptions
{
    /// <summary>Loads the demo corpus on first start; defaults to on in Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>JSON lines <c>{"id","title","text"}</c>, absolute or relative to the content root, the application's
    /// folder or a folder above either; the default is the corpus shipped with the application (500 PubMedQA
    /// abstracts, MIT, in <c>DemoData/pubmedqa/</c> with its licence).</summary>
    public string CorpusPath { get; set; } = "DemoData/pubmedqa/corpus.jsonl";

    public string Publisher { get; set; } = "PubMed (PubMedQA demo set)";
}
