using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Voice.Conversations;
using VoiceAssist.Voice.VoiceSessions.Realtime;
using VoiceAssist.Voice.VoiceSessions.Recording;
using VoiceAssist.Voice.VoiceSessions.SignInSession;

namespace VoiceAssist.Voice.VoiceSessions;

/// <summary><c>/api/voice/ws</c>: the voice page's socket. It is authorized like every other conversation endpoint
/// (clinicians only, whose access token a browser passes as <c>?access_token=</c>), and the conversation belongs to
/// the caller.</summary>
internal static class VoiceSessionEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.Map(VoiceProtocol.Path, async (HttpContext http, IConfiguration configuration, IOptions<SpeechToSpeechOptions> speechToSpeech, SignInSessionWatch signIn) =>
            {
                if (!http.WebSockets.IsWebSocketRequest)
                {
                    return Results.Problem("This endpoint speaks WebSocket only.", statusCode: StatusCodes.Status426UpgradeRequired);
                }

                var callerId = CallerId.Of(http, configuration);
                using var socket = await http.WebSockets.AcceptWebSocketAsync();
                if (speechToSpeech.Value.Enabled)
                {
                    using var realtime = ActivatorUtilities.CreateInstance<RealtimeVoiceSession>(http.RequestServices, socket, callerId);
                    await RunWhileSignedIn(http, signIn, realtime, realtime.Run);
                }
                else
                {
                    using var session = ActivatorUtilities.CreateInstance<VoiceSession>(http.RequestServices, socket, callerId);
                    await RunWhileSignedIn(http, signIn, session, session.Run);
                }

                return Results.Empty;
            })
            .RequireAuthorization(Policies.Clinician)
            .WithName("VoiceSocket")
            .WithTags("Voice")
            .ExcludeFromDescription();

    /// <summary>Runs the socket while <see cref="SignInSessionWatch"/> watches its sign-in session; the watch stops
    /// (and the socket leaves <see cref="OpenVoiceSockets"/>) before the socket is disposed.</summary>
    private static async Task RunWhileSignedIn(HttpContext http, SignInSessionWatch signIn, IEndableVoiceSocket socket, Func<CancellationToken, Task> run)
    {
        using var closed = new CancellationTokenSource();
        var watching = signIn.Watch(http.User, socket, closed.Token);
        try
        {
            await run(http.RequestAborted);
        }
        finally
        {
            await closed.CancelAsync();
            await watching;
        }
    }
}

/// <summary>Puts the WebSocket middleware at the front of the host's pipeline, so the voice socket can be accepted
/// and the access token in its query is read only for WebSocket requests.</summary>
internal sealed class WebSocketStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        next(app);
    };
}

internal static class VoiceSessionRegistration
{
    public static IServiceCollection AddVoiceSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VoiceSessionOptions>(configuration.GetSection(VoiceSessionOptions.Section));
        services.Configure<BargeInOptions>(configuration.GetSection(BargeInOptions.Section));
        services.Configure<SpeechToSpeechOptions>(configuration.GetSection(SpeechToSpeechOptions.Section));
        services.Configure<RecordingOptions>(configuration.GetSection(RecordingOptions.Section));
        services.AddSingleton<UtteranceRecorder>();
        services.AddSingleton<OpenVoiceSockets>();
        services.AddSingleton<SignInSessionWatch>();
        services.AddTransient<IStartupFilter, WebSocketStartupFilter>();
        return services;
    }
}
