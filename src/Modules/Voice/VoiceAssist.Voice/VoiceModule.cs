using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Voice.Conversations.BreakGlass;
using VoiceAssist.Voice.Conversations.GetConversation;
using VoiceAssist.Voice.Conversations.ListConversations;
using VoiceAssist.Voice.Conversations.StartConversation;
using VoiceAssist.Voice.Conversations.TakeTurn;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.ToolCalling;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Differential;
using VoiceAssist.Voice.Dialogue.Knowledge;
using VoiceAssist.Voice.Dialogue.Lexicons;
using VoiceAssist.Voice.Dialogue.Understanding;
using VoiceAssist.Voice.Page;
using VoiceAssist.Voice.VoiceSessions;

namespace VoiceAssist.Voice;

/// <summary>Conversations with the clinician, by text and by voice.</summary>
public static class VoiceModule
{
    public const string Schema = "voice";

    public static WebApplicationBuilder AddVoiceModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule<VoiceDbContext>("Voice", Schema);
        builder.Services.AddSpeech(builder.Configuration);
        builder.Services.AddVoiceSessions(builder.Configuration);
        builder.Services.AddVoicePageFiles(builder.Environment);
        builder.Services.AddSingleton(_ => Lexicon.Load());
        builder.Services.AddSingleton<CalculatorDirectory>();
        builder.Services.AddSingleton<SlotExtractor>();
        builder.Services.AddSingleton<Clarifier>();
        builder.Services.AddScoped<DifferentialDiagnosis>();
        builder.Services.AddSingleton(provider => new Dialogue.Calendar.DialogueClock(provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<Dialogue.Calendar.CalendarDialogue>();
        builder.Services.AddScoped<Dialogue.Tasks.TaskDialogue>();
        builder.Services.AddScoped<DialogueEngine>();
        builder.Services.AddScoped<EmergencyConversationAccess>();
        builder.Services.AddScoped<IKnowledgeAnswers, MediatorKnowledgeAnswers>();
        builder.Services.AddToolCallingDialogue(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapVoiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Conversations hold PHI: clinicians only (admins manage accounts without reading them), each its own.
        var conversations = endpoints.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization(Policies.Clinician);
        StartConversationEndpoint.Map(conversations);
        ListConversationsEndpoint.Map(conversations);
        GetConversationEndpoint.Map(conversations);
        TakeTurnEndpoint.Map(conversations);
        OpenConversationInEmergencyEndpoint.Map(conversations);
        Conversations.Recordings.RecordingsEndpoints.Map(conversations);
        VoiceSessionEndpoint.Map(endpoints);
        return endpoints;
    }
}
