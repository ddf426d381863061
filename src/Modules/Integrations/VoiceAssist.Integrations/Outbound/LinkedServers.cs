using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Http;

namespace VoiceAssist.Integrations.Outbound;

/// <summary>The one HttpClient every CalDAV and WebDAV call goes through: the resilience pipeline per server, TLS
/// certificates validated by the platform's defaults (no callback overrides them), and every connection made to an
/// address <see cref="OutboundAddressPolicy"/> allows.</summary>
internal static class LinkedServers
{
    public const string HttpClientName = "integrations";

    public static IServiceCollection AddLinkedServers(this IServiceCollection services)
    {
        services.AddSingleton<OutboundAddressPolicy>();
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var policy = provider.GetRequiredService<OutboundAddressPolicy>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = async (context, ct) =>
                    {
                        var encrypted = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps;
                        var socket = await policy.Connect(context.DnsEndPoint.Host, context.DnsEndPoint.Port, encrypted, ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    },
                };
            })
            // One pipeline per linked server: one user's dead server must not open the circuit for everyone's.
            .AddVoiceAssistResilience(perServer: true);
        return services;
    }
}
