using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace VoiceAssist.Voice.ToolCalling;

internal static class LlmRegistration
{
    /// <summary>Registers the tool-calling mode only when <c>Voice:Llm:BaseUrl</c> is set; the offline engine is the default.</summary>
    public static IServiceCollection AddToolCallingDialogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LlmOptions>(configuration.GetSection(LlmOptions.Section));
        var settings = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddSingleton<IChatClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LlmOptions>>().Value;
            // Local OpenAI-compatible servers often need no key, but the client will not send a request without one.
            var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
            var client = new ChatClient(options.Model, new ApiKeyCredential(key), new OpenAIClientOptions
            {
                Endpoint = new Uri(options.BaseUrl!),
                // A clinician is waiting: one retry, then the offline engine answers the turn.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
                NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            });
            return client.AsIChatClient();
        });
        services.AddScoped<ConversationTools>();
        services.AddScoped<ToolCallingDialogue>();
        return services;
    }
}
