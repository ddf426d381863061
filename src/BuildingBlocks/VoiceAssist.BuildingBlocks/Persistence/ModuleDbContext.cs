using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Outbox;

namespace VoiceAssist.BuildingBlocks.Persistence;

/// <summary>Base of every module's DbContext: one schema per module, with that module's outbox and inbox tables.</summary>
public abstract class ModuleDbContext(DbContextOptions options, string schema) : DbContext(options)
{
    public string Schema { get; } = schema;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Queues an integration event in this module's outbox; it is saved by the same
    /// <c>SaveChanges</c> (and so the same transaction) as the business change.</summary>
    public void AddIntegrationEvent(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        OutboxMessages.Add(OutboxMessage.From(integrationEvent, System.Diagnostics.Activity.Current?.TraceId.ToString()));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        OutboxModel.Configure(modelBuilder);
        ConfigureModule(modelBuilder);
    }

    protected abstract void ConfigureModule(ModelBuilder modelBuilder);

    internal static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);
}
