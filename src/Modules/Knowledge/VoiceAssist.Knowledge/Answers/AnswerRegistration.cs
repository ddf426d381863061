using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using VoiceAssist.Knowledge.Answers.Generative;

namespace VoiceAssist.Knowledge.Answers;

internal static class AnswerRegistration
{
    /// <summary>The key of the answer model's <see cref="IChatClient"/>: the Voice module registers its own
    /// conversation model in the same container, unkeyed, and the two are configured separately.</summary>
    public const string ChatClientKey = "Knowledge:Answers";

    /// <summary>Extractive answers always; generative ones instead when <c>Knowledge:Answers:Llm:BaseUrl</c> is set.</summary>
    public static IServiceCollection AddAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AnswerLlmOptions>(configuration.GetSection(AnswerLlmOptions.Section));
        services.AddScoped<ExtractiveAnswerComposer>();
        var settings = configuration.GetSection(AnswerLlmOptions.Section).Get<AnswerLlmOptions>() ?? new AnswerLlmOptions();
        if (!settings.Enabled)
        {
            services.AddScoped<IAnswerComposer>(provider => provider.GetRequiredService<ExtractiveAnswerComposer>());
            return services;
        }

        services.AddKeyedSingleton(ChatClientKey, (provider, _) => ChatClientFor(provider.GetRequiredService<IOptions<AnswerLlmOptions>>().Value));
        services.AddScoped<IAnswerComposer, GenerativeAnswerComposer>();
        return services;
    }

    public static IChatClient ChatClientFor(AnswerLlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Local OpenAI-compatible servers often need no key, but the client will not send a request without one.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
        var client = new ChatClient(options.Model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl!),
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, options.MaxRetries)),
            NetworkTimeout = options.Timeout,
        });
        return client.AsIChatClient();
    }
}
