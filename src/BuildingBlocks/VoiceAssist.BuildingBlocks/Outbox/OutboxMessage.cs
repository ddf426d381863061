using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.BuildingBlocks.Outbox;

/// <summary>An integration event waiting in a module's outbox for the dispatcher.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }
    public string? CorrelationId { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? DeadLetteredAt { get; set; }

    internal static OutboxMessage From(IIntegrationEvent integrationEvent, string? correlationId)
    {
        var now = DateTimeOffset.UtcNow;
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            Type = EventTypeName.Of(integrationEvent.GetType()),
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), ModuleDbContext.EventJson),
            OccurredAt = integrationEvent.OccurredAt,
            EnqueuedAt = now,
            NextAttemptAt = now,
            CorrelationId = correlationId,
        };
    }
}

/// <summary>Records that one consumer has handled one message, written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

internal static class EventTypeName
{
    /// <summary>The stable name stored with a message: the contract type's full name.</summary>
    public static string Of(Type eventType) => eventType.FullName ?? eventType.Name;
}

internal static class OutboxModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id");
            outbox.Property(m => m.Type).HasColumnName("type");
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.EnqueuedAt).HasColumnName("enqueued_at");
            outbox.Property(m => m.CorrelationId).HasColumnName("correlation_id");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error");
            outbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            outbox.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer");
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });
    }

    /// <summary>The DDL behind <see cref="Configure"/>, applied to every module schema as its first migration.</summary>
    public static string Sql(string schema) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.outbox_messages (
            id uuid PRIMARY KEY,
            type text NOT NULL,
            payload jsonb NOT NULL,
            occurred_at timestamp with time zone NOT NULL,
            enqueued_at timestamp with time zone NOT NULL,
            correlation_id text NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamp with time zone NOT NULL,
            last_error text NULL,
            processed_at timestamp with time zone NULL,
            dead_lettered_at timestamp with time zone NULL
        );
        CREATE INDEX IF NOT EXISTS ix_outbox_messages_pending ON {schema}.outbox_messages (next_attempt_at, enqueued_at)
            WHERE processed_at IS NULL AND dead_lettered_at IS NULL;
        CREATE INDEX IF NOT EXISTS ix_outbox_messages_dead ON {schema}.outbox_messages (dead_lettered_at)
            WHERE dead_lettered_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS {schema}.inbox_messages (
            message_id uuid NOT NULL,
            consumer text NOT NULL,
            processed_at timestamp with time zone NOT NULL,
            PRIMARY KEY (message_id, consumer)
        );
        """;
}
