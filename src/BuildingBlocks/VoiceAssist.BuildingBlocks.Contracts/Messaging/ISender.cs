namespace VoiceAssist.BuildingBlocks.Contracts.Messaging;

/// <summary>Sends a request to the one module that handles it.</summary>
public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}
