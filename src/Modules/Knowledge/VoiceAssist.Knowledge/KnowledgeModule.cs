using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Http;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Answers;
using VoiceAssist.Knowledge.Answers.AnswerQuestion;
using VoiceAssist.Knowledge.Calculators;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.DemoData;
using VoiceAssist.Knowledge.Documents.DeleteDocument;
using VoiceAssist.Knowledge.Documents.GetDocument;
using VoiceAssist.Knowledge.Documents.GetDocumentText;
using VoiceAssist.Knowledge.Documents.GetKnowledgeBaseStatus;
using VoiceAssist.Knowledge.Documents.ImportDocuments;
using VoiceAssist.Knowledge.Documents.ImportFolder;
using VoiceAssist.Knowledge.Documents.ListPatientDocuments;
using VoiceAssist.Knowledge.Documents.ReindexDocument;
using VoiceAssist.Knowledge.Documents.UploadDocument;
using VoiceAssist.Knowledge.Embeddings;
using VoiceAssist.Knowledge.Guidelines;
using VoiceAssist.Knowledge.Ingestion;
using VoiceAssist.Knowledge.LicensedSources;
using VoiceAssist.Knowledge.PubMed;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.Knowledge.Search.SearchKnowledge;

namespace VoiceAssist.Knowledge;

/// <summary>The knowledge base: guidelines and papers, their search, and grounded answers.</summary>
public static class KnowledgeModule
{
    public const string Schema = "knowledge";

    public static WebApplicationBuilder AddKnowledgeModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<KnowledgeDbContext>("Knowledge", Schema);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.Section));

        services.AddSingleton(MedicalSynonyms.Embedded());
        services.AddSingleton<QueryAnalyzer>();
        services.AddSingleton<VectorIndexSelector>();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<PatientDocumentIndex>();
        services.AddSingleton<HybridSearch>();
        services.AddAnswers(configuration);
        services.AddScoped<TextIngestion>();
        services.AddScoped<KnowledgeChanges>();
        services.AddSingleton<DocumentReindexer>();
        services.AddSingleton<EmbeddingProvider>();
        services.AddSingleton<EmbeddingAvailability>();

        services.AddSingleton<NcbiRateLimiter>();
        services.AddTransient<NcbiRateLimitHandler>();
        services.AddSingleton<EUtilitiesClient>();
        // Outermost the resilience pipeline (its retries), then NCBI's rate limit for every attempt.
        services.AddHttpClient(PubMedOptions.HttpClientName)
            .AddVoiceAssistResilience()
            .AddHttpMessageHandler<NcbiRateLimitHandler>();
        services.AddSingleton<LicensedSourceRegistry>();
        services.AddHttpClient(GuidelinePoller.HttpClientName).AddVoiceAssistResilience();
        services.AddSingleton<GuidelineSourceSeeder>();
        services.AddSingleton<GuidelinePoller>();
        services.AddHostedService(provider => provider.GetRequiredService<GuidelinePoller>());

        services.AddHostedService<SearchIndexWarmup>();
        services.AddHostedService<IngestionWorker>();
        services.AddHostedService<ImportFolderWatcher>();
        services.AddHostedService<EmbeddingWorker>();
        services.AddHostedService<KnowledgeQueueSampler>();
        services.AddHostedService<DemoKnowledgeBaseLoader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var settings = endpoints.ServiceProvider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var knowledge = endpoints.MapGroup("/api/knowledge").WithTags("Knowledge");
        var documents = knowledge.MapGroup("/documents");
        // The knowledge base is shared reference material: every signed-in user reads it, administrators curate it.
        // Patient documents are the exception: a clinician uploads one for themselves and only they read it; upload
        // and delete decide who may act from the document itself, so they are not in the administrators' group.
        var curated = documents.MapGroup("").RequireAuthorization(Policies.Admin);
        UploadDocumentEndpoint.Map(documents, settings.Ingestion.MaxUploadBytes);
        ImportDocumentsEndpoint.Map(curated);
        GetDocumentEndpoint.Map(documents);
        GetDocumentTextEndpoint.Map(documents);
        DeleteDocumentEndpoint.Map(documents);
        ListPatientDocumentsEndpoint.Map(knowledge);
        SearchKnowledgeEndpoint.Map(knowledge);
        AnswerQuestionEndpoint.Map(knowledge.MapGroup("").RequireRateLimiting(RateLimitPolicies.Expensive));
        GetKnowledgeBaseStatusEndpoint.Map(knowledge);
        PubMedEndpoints.Map(knowledge);
        CalculatorEndpoints.Map(endpoints);
        return endpoints;
    }
}
