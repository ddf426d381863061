using System.Collections.Concurrent;

namespace VoiceAssist.Voice.VoiceSessions.SignInSession;

/// <summary>A voice socket that can be ended from outside when the sign-in session it was opened under ends.</summary>
internal interface IEndableVoiceSocket
{
    /// <summary>Tells the page why (<see cref="SessionEndedMessage"/>), abandons what is in flight and closes the socket
    /// with <see cref="VoiceProtocol.SessionEndedCloseCode"/>. Safe to call from any thread, more than once.</summary>
    void End(string reason);
}

/// <summary>The voice sockets open on this replica, by the sign-in session (the access token's <c>sid</c>) each was
/// opened under, so that a session's end closes every socket it opened at once.</summary>
internal sealed class OpenVoiceSockets
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<IEndableVoiceSocket, byte>> bySession = new();

    /// <summary>How many voice sockets are open on this replica (the admin console's dashboard shows it).</summary>
    public int Count => bySession.Values.Sum(sockets => sockets.Count);

    /// <summary>Holds <paramref name="socket"/> under <paramref name="sessionId"/> until the result is disposed.</summary>
    public IDisposable Add(Guid sessionId, IEndableVoiceSocket socket)
    {
        if (bySession.GetOrAdd(sessionId, _ => new ConcurrentDictionary<IEndableVoiceSocket, byte>()).TryAdd(socket, 0))
        {
            VoiceTelemetry.ActiveSockets.Add(1);
        }

        return new Removal(this, sessionId, socket);
    }

    /// <summary>Ends every socket of the session.</summary>
    public void EndAll(Guid sessionId, string reason)
    {
        if (bySession.TryGetValue(sessionId, out var sockets))
        {
            foreach (var socket in sockets.Keys)
            {
                socket.End(reason);
            }
        }
    }

    private void Remove(Guid sessionId, IEndableVoiceSocket socket)
    {
        if (bySession.TryGetValue(sessionId, out var sockets) && sockets.TryRemove(socket, out _))
        {
            VoiceTelemetry.ActiveSockets.Add(-1);
            if (sockets.IsEmpty)
            {
                bySession.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<IEndableVoiceSocket, byte>>(sessionId, sockets));
            }
        }
    }

    private sealed class Removal(OpenVoiceSockets owner, Guid sessionId, IEndableVoiceSocket socket) : IDisposable
    {
        public void Dispose() => owner.Remove(sessionId, socket);
    }
}
