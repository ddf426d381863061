using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.Admin.Contracts;
using VoiceAssist.Admin.Data;
using VoiceAssist.Admin.KnowledgeBase.GetKnowledgeBaseStats;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Admin;

/// <summary>The administrators' console: users, knowledge base, models and cost, audit, policy.</summary>
public static class AdminModule
{
    public const string Schema = "admin";

    public static WebApplicationBuilder AddAdminModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<AdminDbContext>("Admin", Schema);
        return builder;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(AdminRoutes.ApiPrefix).WithTags("Admin").RequireAuthorization(Policies.Admin);
        GetKnowledgeBaseStatsEndpoint.Map(admin);
        return endpoints;
    }
}
