namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>Dispatcher settings, bound from the <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Messages claimed per module per pass.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Deliveries run side by side within one batch.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 4;

    /// <summary>Failed deliveries after which a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an idle dispatcher waits before looking again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Processed outbox and inbox rows older than this are deleted.</summary>
    public TimeSpan RetainProcessedFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A pending message older than this makes <c>/health/outbox</c> answer 503 (Unhealthy).</summary>
    public TimeSpan BacklogAgeWarning { get; set; } = TimeSpan.FromMinutes(5);

    public bool DispatcherEnabled { get; set; } = true;
}
