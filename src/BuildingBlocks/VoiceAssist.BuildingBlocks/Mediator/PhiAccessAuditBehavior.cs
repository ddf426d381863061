using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.BuildingBlocks.Web;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>Records every request marked <see cref="TouchesPhiAttribute"/> (who, which request, which resource, how it
/// ended, under which correlation id) as a <see cref="PhiAccessed"/> event in the handling module's outbox, where the
/// Compliance module picks it up for the audit trail. Refused and failed accesses are recorded too.</summary>
/// <remarks>The event is written after the handler (and its transaction) finished, in its own statement, so a
/// rolled-back command still leaves its audit record. It runs outside validation so invalid requests are recorded.
/// Its dependencies are resolved only for PHI requests, so hosts without HTTP (workers, tests) pay nothing.</remarks>
internal sealed class PhiAccessAuditBehavior<TRequest, TResponse>(IServiceProvider services) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not IRequestEnvelope { Request: var inner } || PhiRequestShape.Of(inner.GetType()) is not { } shape
            || services.GetRequiredService<RequestOwnership>().DbContextFor(inner.GetType()) is not { } dbContextType)
        {
            return await next().ConfigureAwait(false);
        }

        string outcome = PhiAccessOutcome.Failed;
        try
        {
            var response = await next().ConfigureAwait(false);
            outcome = PhiAccessOutcome.Succeeded;
            return response;
        }
        catch (Exception ex)
        {
            outcome = PhiAccessOutcome.Of(ex);
            throw;
        }
        finally
        {
            var schema = services.GetServices<ModuleDescriptor>().First(m => m.DbContextType == dbContextType).Schema;
            await Record(schema, shape, inner, outcome).ConfigureAwait(false);
        }
    }

    private async Task Record(string schema, PhiRequestShape shape, object request, string outcome)
    {
        var http = services.GetService<IHttpContextAccessor>()?.HttpContext;
        var currentUser = services.GetService<ICurrentUser>();
        var roles = currentUser?.Roles ?? [];
        var correlationId = http?.Items[CorrelationMiddleware.Header] as string ?? System.Diagnostics.Activity.Current?.TraceId.ToString();
        var accessed = new PhiAccessed(
            Guid.CreateVersion7(),
            (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow(),
            shape.RequestName,
            shape.ResourceType,
            shape.ResourceId(request),
            currentUser?.UserId?.ToString() ?? shape.CallerId(request),
            roles.Count > 0 ? string.Join(',', roles) : null,
            currentUser?.SessionId?.ToString(),
            http?.Connection.RemoteIpAddress?.ToString(),
            correlationId,
            outcome);
        var message = OutboxMessage.From(accessed, correlationId);

        // Not cancellable: a client that hung up after reading PHI must not escape the record.
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"""
            INSERT INTO {schema}.outbox_messages (id, type, payload, occurred_at, enqueued_at, correlation_id, attempts, next_attempt_at)
            VALUES ($1, $2, $3::jsonb, $4, $5, $6, 0, $5)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = message.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Payload });
        command.Parameters.Add(new NpgsqlParameter { Value = message.OccurredAt });
        command.Parameters.Add(new NpgsqlParameter { Value = message.EnqueuedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)message.CorrelationId ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }
}

internal static class PhiAccessOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static string Of(Exception exception) => exception switch
    {
        NotFoundException => "not_found",
        ForbiddenException or UnauthorizedAccessException => "forbidden",
        ValidationException => "invalid",
        _ => Failed,
    };
}

/// <summary>What the audit record of a PHI request names, learned once per request type: the resource is the first
/// <see cref="Guid"/> property (<c>ConversationId</c> names a <c>conversation</c>; a bare <c>Id</c> names what the
/// request's name does after its verb, so <c>GetConversation.Id</c> is a <c>conversation</c>); a string property
/// <c>CallerId</c> identifies the actor when no user is signed in.</summary>
internal sealed class PhiRequestShape
{
    private static readonly ConcurrentDictionary<Type, PhiRequestShape?> Shapes = new();

    private readonly PropertyInfo? resource;
    private readonly PropertyInfo? caller;

    private PhiRequestShape(Type requestType)
    {
        RequestName = requestType.Name;
        var properties = requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        resource = properties.FirstOrDefault(p => p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?));
        caller = properties.FirstOrDefault(p => p.Name == "CallerId" && p.PropertyType == typeof(string));
        ResourceType = resource is null || resource.Name == "Id"
            ? Noun(RequestName)
            : Snake(resource.Name.EndsWith("Id", StringComparison.Ordinal) ? resource.Name[..^2] : resource.Name);
    }

    public string RequestName { get; }

    public string ResourceType { get; }

    public static PhiRequestShape? Of(Type requestType) =>
        Shapes.GetOrAdd(requestType, static type => type.GetCustomAttribute<TouchesPhiAttribute>() is null ? null : new PhiRequestShape(type));

    public string? ResourceId(object request) => resource?.GetValue(request)?.ToString();

    public string? CallerId(object request) => caller?.GetValue(request) as string;

    /// <summary><c>GetConversation</c> → <c>conversation</c>; <c>DetectPhi</c> → <c>phi</c>.</summary>
    private static string Noun(string requestName)
    {
        var nounStart = 1;
        while (nounStart < requestName.Length && !char.IsUpper(requestName[nounStart]))
        {
            nounStart++;
        }

        return Snake(nounStart < requestName.Length ? requestName[nounStart..] : requestName);
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 && !char.IsUpper(name[i - 1]) ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
