using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Voice.VoiceSessions.SignInSession;

/// <summary>Binds a voice socket to the sign-in session whose access token opened it. The token is checked once, at
/// the handshake, but a socket can stay open for hours; so the socket is closed when the session ends: at once on this
/// replica (<see cref="EndSocketsOfEndedSession"/>), and by asking Identity every
/// <see cref="VoiceSessionOptions.SignInCheckSeconds"/> otherwise (HIPAA §164.312(a)(2)(iii), automatic logoff).</summary>
internal sealed partial class SignInSessionWatch(
    OpenVoiceSockets sockets, IServiceScopeFactory scopes, IOptions<VoiceSessionOptions> options, TimeProvider time, ILogger<SignInSessionWatch> logger)
{
    /// <summary>Reason sent when a periodic check found the session over (its own reason is Identity's to keep).</summary>
    public const string EndedReason = "ended";

    /// <summary>Watches <paramref name="socket"/> until <paramref name="cancellationToken"/> (the socket's end). A
    /// caller with no session (the development user, when sign-in is not required) is not watched.</summary>
    public async Task Watch(ClaimsPrincipal caller, IEndableVoiceSocket socket, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(caller.FindFirst(VoiceAssistClaims.SessionId)?.Value, out var sessionId)
            || !Guid.TryParse(caller.FindFirst(VoiceAssistClaims.Subject)?.Value, out var userId))
        {
            return;
        }

        using var registration = sockets.Add(sessionId, socket);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SignInCheckSeconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await IsOver(userId, sessionId, cancellationToken).ConfigureAwait(false))
                {
                    socket.End(EndedReason);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The socket closed first.
        }
    }

    private async Task<bool> IsOver(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            return !await sender.Send(new IsSessionActive(userId, sessionId), cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            // The database is briefly unreachable: the conversation cannot be stored either, and the next check
            // decides. A revocation seen by this replica still ends the socket at once.
            LogCheckFailed(logger, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The voice socket's sign-in session could not be checked: {ExceptionType}")]
    private static partial void LogCheckFailed(ILogger logger, string exceptionType);
}
