using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Knowledge.Calculators;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Documents.GetDocument;
using VoiceAssist.Knowledge.Documents.IngestDocument;

namespace VoiceAssist.Knowledge;

/// <summary>The knowledge base: guidelines and papers, their search, and grounded answers.</summary>
public static class KnowledgeModule
{
    public const string Schema = "knowledge";

    public static WebApplicationBuilder AddKnowledgeModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<KnowledgeDbContext>("Knowledge", Schema);
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var documents = endpoints.MapGroup("/api/knowledge/documents").WithTags("Knowledge");
        IngestDocumentEndpoint.Map(documents);
        GetDocumentEndpoint.Map(documents);
        CalculatorEndpoints.Map(endpoints);
        return endpoints;
    }
}
