using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace VoiceAssist.Voice.ToolCalling;

/// <summary>The conversation model as the <c>Voice:Llm</c> settings in force describe it now: each turn asks for
/// <see cref="Client"/>, so a model, endpoint or key changed in the console applies to the next turn on every replica,
/// without a restart. Null while no base URL is set (the offline engine answers).</summary>
internal sealed class ConversationModel(IOptionsMonitor<LlmOptions> options)
{
    private volatile Built? built;

    public IChatClient? Client
    {
        get
        {
            var settings = options.CurrentValue;
            if (!settings.Enabled)
            {
                return null;
            }

            var wanted = new Endpoint(settings.BaseUrl!, settings.Model, settings.ApiKey, settings.TimeoutSeconds);
            var current = built;
            if (current is not null && current.Endpoint == wanted)
            {
                return current.Client;
            }

            // Two turns racing here may both build a client; either is right, and the last one is kept.
            var fresh = new Built(wanted, Create(wanted));
            built = fresh;
            return fresh.Client;
        }
    }

    private static IChatClient Create(Endpoint endpoint)
    {
        // Local OpenAI-compatible servers often need no key, but the client will not send a request without one.
        var key = string.IsNullOrEmpty(endpoint.ApiKey) ? "unused" : endpoint.ApiKey;
        return new ChatClient(endpoint.Model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUrl),
            // A clinician is waiting: one retry, then the offline engine answers the turn.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
            NetworkTimeout = TimeSpan.FromSeconds(endpoint.TimeoutSeconds),
        }).AsIChatClient();
    }

    private sealed record Endpoint(string BaseUrl, string Model, string? ApiKey, int TimeoutSeconds);

    private sealed record Built(Endpoint Endpoint, IChatClient Client);
}
