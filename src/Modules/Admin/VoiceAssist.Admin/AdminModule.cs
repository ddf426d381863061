using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Admin.Console;
using VoiceAssist.Admin.Contracts;
using VoiceAssist.Admin.Dashboard;
using VoiceAssist.Admin.Data;
using VoiceAssist.Admin.KnowledgeBase.GetKnowledgeBaseStats;
using VoiceAssist.Admin.Models;
using VoiceAssist.Admin.Policy;
using VoiceAssist.Admin.Usage;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Admin;

/// <summary>The administrators' console: Razor Pages under <c>/admin</c> (dashboard, users, knowledge base, audit log,
/// usage and cost, models and engines, security policy, integrations), signed in through the page's cookie session and gated by role.</summary>
public static class AdminModule
{
    public const string Schema = "admin";

    public static WebApplicationBuilder AddAdminModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<AdminDbContext>("Admin", Schema);
        var services = builder.Services;

        // The console's settings are the last configuration source, so they win over files and the environment.
        var settings = new ConsoleSettingsSource(
            builder.Configuration.GetConnectionString("VoiceAssist"),
            builder.Configuration.GetValue("Admin:Settings:RefreshInterval", TimeSpan.FromSeconds(5)));
        ((IConfigurationBuilder)builder.Configuration).Add(settings);
        services.AddSingleton(settings);
        services.AddHostedService<ConsoleSecretsActivation>();
        services.AddSingleton<ConnectionTester>();
        services.AddRazorPages(options =>
            {
                // Pages live beside their handlers in one folder per area (Users/, Audit/...), each with its own
                // /admin/... route; every area is for administrators except the audit pages, open to auditors too.
                options.RootDirectory = "/";
                options.Conventions.AuthorizeFolder("/", ConsolePolicies.AuditReader);
                foreach (var area in AdministratorAreas)
                {
                    options.Conventions.AuthorizeFolder(area, ConsolePolicies.Administrator);
                }
            })
            .AddApplicationPart(typeof(AdminModule).Assembly);
        // Razor Pages check the antiforgery token of every form post themselves; the console adds nothing to that.
        ConsolePolicies.Add(services.AddAuthorizationBuilder());
        services.AddSingleton<ReplicaMetrics>();
        services.AddSingleton<UsageCollector>();
        services.AddHostedService(provider => provider.GetRequiredService<UsageCollector>());
        services.AddTransient<IStartupFilter, ConsoleResponses>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(AdminRoutes.ApiPrefix).WithTags("Admin").RequireAuthorization(Policies.Admin);
        GetKnowledgeBaseStatsEndpoint.Map(admin);
        endpoints.MapRazorPages();
        // Start counting this replica's traffic from the first request, not from the first dashboard view.
        endpoints.ServiceProvider.GetRequiredService<ReplicaMetrics>();
        return endpoints;
    }

    /// <summary>The page folders only administrators may open. The audit pages are open to auditors as well, and the
    /// dashboard sends an auditor on to them.</summary>
    private static readonly string[] AdministratorAreas = ["/Users", "/KnowledgeBase", "/Policy", "/Models", "/Usage", "/Integrations"];
}
