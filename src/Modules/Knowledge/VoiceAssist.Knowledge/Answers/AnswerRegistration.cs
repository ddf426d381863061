using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using VoiceAssist.Knowledge.Answers.Generative;

namespace VoiceAssist.Knowledge.Answers;

internal static class AnswerRegistration
{
    /// <summary>Extractive answers, or generative ones while <c>Knowledge:Answers:Llm:BaseUrl</c> is set: chosen for each
    /// request from the settings in force, so the console can switch the answer model on, off or to another endpoint
    /// without a restart.</summary>
    public static IServiceCollection AddAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AnswerLlmOptions>(configuration.GetSection(AnswerLlmOptions.Section));
        services.AddScoped<ExtractiveAnswerComposer>();
        services.AddSingleton<AnswerModel>();
        services.AddScoped<IAnswerComposer>(provider =>
        {
            var settings = provider.GetRequiredService<IOptionsSnapshot<AnswerLlmOptions>>().Value;
            var extractive = provider.GetRequiredService<ExtractiveAnswerComposer>();
            return settings.Enabled
                ? new GenerativeAnswerComposer(extractive, provider.GetRequiredService<AnswerModel>().For(settings), Options.Create(settings),
                    provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<GenerativeAnswerComposer>>())
                : extractive;
        });
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

/// <summary>The answer model's client for the settings in force, built again only when the endpoint, model, key or
/// timeouts change.</summary>
internal sealed class AnswerModel
{
    private volatile Built? built;

    public IChatClient For(AnswerLlmOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wanted = new Endpoint(settings.BaseUrl!, settings.Model, settings.ApiKey, settings.Timeout, settings.MaxRetries);
        if (built is { } current && current.Endpoint == wanted)
        {
            return current.Client;
        }

        var fresh = new Built(wanted, AnswerRegistration.ChatClientFor(settings));
        built = fresh;
        return fresh.Client;
    }

    private sealed record Endpoint(string BaseUrl, string Model, string? ApiKey, TimeSpan Timeout, int MaxRetries);

    private sealed record Built(Endpoint Endpoint, IChatClient Client);
}
