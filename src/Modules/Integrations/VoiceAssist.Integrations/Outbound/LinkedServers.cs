using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton<PerServerPipelines>();
        services.AddTransient<PerServerResilienceHandler>();
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
            // The resilience pipeline; with Microsoft.Extensions.Http.Resilience this line becomes
            // .AddStandardResilienceHandler().SelectPipelineByAuthority().
            .AddHttpMessageHandler<PerServerResilienceHandler>();
        return services;
    }
}
