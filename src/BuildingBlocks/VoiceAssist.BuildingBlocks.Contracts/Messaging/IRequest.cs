namespace VoiceAssist.BuildingBlocks.Contracts.Messaging;

/// <summary>A request sent through the mediator to exactly one handler, answered with <typeparamref name="TResponse"/>.</summary>
/// <remarks>Contracts depend on this marker, not on the mediator library, so a module can become a service
/// whose contracts travel over HTTP or a queue without changing their shape.</remarks>
public interface IRequest<TResponse>;

/// <summary>A request that changes state: it runs inside the handling module's database transaction.</summary>
public interface ICommand<TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<TResponse> : IRequest<TResponse>;

/// <summary>The empty response of a command that returns nothing.</summary>
public readonly record struct Unit
{
    public static Unit Value => default;
}
