using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.BuildingBlocks.Mediator;

/// <summary>Which module's DbContext owns each request type, learned when modules register their handlers.</summary>
internal sealed class RequestOwnership
{
    private readonly Dictionary<Type, Type> dbContextByRequest = [];

    public void Add(Type requestType, Type dbContextType) => dbContextByRequest[requestType] = dbContextType;

    public Type? DbContextFor(Type requestType) => dbContextByRequest.GetValueOrDefault(requestType);
}

/// <summary>Runs a command's handler inside one transaction of the owning module's DbContext, so its business
/// change and the integration events it queues in the outbox commit or roll back together.</summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(IServiceProvider services, RequestOwnership ownership)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not IRequestEnvelope { Request: var inner } || !IsCommand(inner.GetType())
            || ownership.DbContextFor(inner.GetType()) is not { } dbContextType)
        {
            return await next().ConfigureAwait(false);
        }

        var db = (DbContext)services.GetRequiredService(dbContextType);
        if (db.Database.CurrentTransaction is not null)
        {
            return await next().ConfigureAwait(false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var response = await next().ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static bool IsCommand(Type requestType) =>
        requestType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));
}
