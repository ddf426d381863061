using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Integrations.Accounts.LinkAccount;
using VoiceAssist.Integrations.Accounts.ListAccounts;
using VoiceAssist.Integrations.Accounts.UnlinkAccount;
using VoiceAssist.Integrations.Connectors.ConfigureConnector;
using VoiceAssist.Integrations.Connectors.ListConnectors;
using VoiceAssist.Integrations.Data;
using VoiceAssist.Integrations.Outbound;

namespace VoiceAssist.Integrations;

/// <summary>Calendar, mail and files: the clinician's own systems.</summary>
public static class IntegrationsModule
{
    public const string Schema = "integrations";

    public static WebApplicationBuilder AddIntegrationsModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<IntegrationsDbContext>("Integrations", Schema);
        var configuration = builder.Configuration;
        builder.Services.Configure<IntegrationsOptions>(configuration.GetSection(IntegrationsOptions.Section));
        builder.Services.AddOptions<IntegrationsOptions>()
            .Validate(o => o.AllowedPrivateNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Integrations:AllowedPrivateNetworks must list networks in CIDR form (10.0.0.0/8).")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), "Integrations:DefaultTimeZone must be an IANA time zone.")
            .ValidateOnStart();
        builder.Services.AddLinkedServers();
        builder.Services.AddSingleton<Calendar.CalDavClient>();
        builder.Services.AddScoped<Calendar.CalendarAccounts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegrationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var connectors = endpoints.MapGroup("/api/integrations/connectors").WithTags("Integrations");
        ListConnectorsEndpoint.Map(connectors);
        ConfigureConnectorEndpoint.Map(connectors.MapGroup("").RequireAuthorization(Policies.Admin));

        // Each user's own links (administrators also see the shared folders); viewers, clinicians and administrators.
        var accounts = endpoints.MapGroup("/api/integrations/accounts").WithTags("Integrations").RequireAuthorization(Policies.Viewer);
        ListAccountsEndpoint.Map(accounts);
        LinkAccountEndpoint.Map(accounts);
        UnlinkAccountEndpoint.Map(accounts);
        return endpoints;
    }
}
