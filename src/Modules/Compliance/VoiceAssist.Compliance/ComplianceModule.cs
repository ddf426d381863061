using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance;

/// <summary>Audit trail, PHI protection, retention and backups.</summary>
public static class ComplianceModule
{
    public const string Schema = "compliance";

    public static WebApplicationBuilder AddComplianceModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<ComplianceDbContext>("Compliance", Schema);
        return builder;
    }

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var compliance = endpoints.MapGroup("/api/compliance").WithTags("Compliance");
        SearchAuditTrailEndpoint.Map(compliance);
        return endpoints;
    }
}
