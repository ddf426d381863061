using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Voice.Conversations.GetConversation;
using VoiceAssist.Voice.Conversations.StartConversation;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.Speech;

namespace VoiceAssist.Voice;

/// <summary>Conversations with the clinician, by text and by voice.</summary>
public static class VoiceModule
{
    public const string Schema = "voice";

    public static WebApplicationBuilder AddVoiceModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<VoiceDbContext>("Voice", Schema);
        builder.Services.AddSpeech(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapVoiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var conversations = endpoints.MapGroup("/api/conversations").WithTags("Conversations");
        StartConversationEndpoint.Map(conversations);
        GetConversationEndpoint.Map(conversations);
        return endpoints;
    }
}
