using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Voice.VoiceSessions.SignInSession;

/// <summary>Closes this replica's voice sockets of a session the moment Identity records its end (sign-out, automatic
/// logoff, a user's or an administrator's revocation, a replayed refresh token). Not an inbox consumer: it changes no
/// data, and ending a socket twice does nothing. Sockets on other replicas are closed by their
/// <see cref="SignInSessionWatch"/> within <see cref="VoiceSessionOptions.SignInCheckSeconds"/>.</summary>
internal sealed class EndSocketsOfEndedSession(OpenVoiceSockets sockets) : IIntegrationEventConsumer<SessionRevoked>
{
    public Task Consume(SessionRevoked integrationEvent, CancellationToken cancellationToken)
    {
        sockets.EndAll(integrationEvent.SessionId, integrationEvent.Reason);
        return Task.CompletedTask;
    }
}
