using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Integrations.Connectors.ConfigureConnector;
using VoiceAssist.Integrations.Connectors.ListConnectors;
using VoiceAssist.Integrations.Data;

namespace VoiceAssist.Integrations;

/// <summary>Calendar, mail and files: the clinician's own systems.</summary>
public static class IntegrationsModule
{
    public const string Schema = "integrations";

    public static WebApplicationBuilder AddIntegrationsModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<IntegrationsDbContext>("Integrations", Schema);
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegrationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var connectors = endpoints.MapGroup("/api/integrations/connectors").WithTags("Integrations");
        ListConnectorsEndpoint.Map(connectors);
        ConfigureConnectorEndpoint.Map(connectors.MapGroup("").RequireAuthorization(Policies.Admin));
        return endpoints;
    }
}
