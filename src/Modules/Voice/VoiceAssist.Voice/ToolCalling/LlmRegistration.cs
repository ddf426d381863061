using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceAssist.Voice.ToolCalling;

internal static class LlmRegistration
{
    /// <summary>The tool-calling mode, used on each turn while <c>Voice:Llm:BaseUrl</c> is set (read per turn, so the
    /// console can switch it on, off or to another model at run time); the offline engine answers otherwise.</summary>
    public static IServiceCollection AddToolCallingDialogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LlmOptions>(configuration.GetSection(LlmOptions.Section));
        services.AddSingleton<ConversationModel>();
        services.AddScoped<ConversationTools>();
        services.AddScoped<ToolCallingDialogue>();
        return services;
    }
}
