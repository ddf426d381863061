using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceAssist.Testing.Fakes;

/// <summary>An OpenAI Chat Completions endpoint on loopback speaking the exact wire format, for the Voice module's
/// tool calling and the Knowledge module's generative answers: it records every request body and answers from a
/// script of responses, one per request (a tool call or a final assistant message); with the script used up it
/// answers 500.</summary>
public sealed class FakeChatCompletions : IAsyncDisposable
{
    private readonly Queue<Func<HttpContext, Task>> script = new();
    private readonly List<RecordedRequest> requests = [];
    private WebApplication server = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<FakeChatCompletions> Start()
    {
        var fake = new FakeChatCompletions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        fake.server = builder.Build();
        fake.server.Run(fake.Handle);
        await fake.server.StartAsync();
        var address = fake.server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri($"{address}/v1");
        return fake;
    }

    /// <summary>Forgets earlier requests and queues the answers to the next ones.</summary>
    public void Reset(params Func<HttpContext, Task>[] responses)
    {
        lock (requests)
        {
            requests.Clear();
            script.Clear();
            foreach (var response in responses)
            {
                script.Enqueue(response);
            }
        }
    }

    public static Func<HttpContext, Task> Final(string text) =>
        context => Completion(context, new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");

    public static Func<HttpContext, Task> Failure(int status) =>
        context =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("""{"error":{"message":"overloaded","type":"server_error"}}""");
        };

    /// <summary>An assistant message that calls one function, arguments as the JSON string the API sends.</summary>
    public static Func<HttpContext, Task> ToolCall(string callId, string name, object arguments) =>
        context => Completion(context, new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = callId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(arguments) },
            }),
        }, "tool_calls");

    /// <summary>Answers only after <paramref name="delay"/>, or not at all when the client gives up first.</summary>
    public static Func<HttpContext, Task> Slow(TimeSpan delay, Func<HttpContext, Task> then) =>
        async context =>
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await then(context);
        };

    /// <summary>A 200 whose body is not a chat completion (a misconfigured proxy's HTML page, say).</summary>
    public static Func<HttpContext, Task> NotAChatCompletion(string contentType, string body) =>
        context =>
        {
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        };

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private static Task Completion(HttpContext context, JsonObject message, string finishReason)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_764_300_000,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private async Task Handle(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Func<HttpContext, Task>? respond;
        lock (requests)
        {
            requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(), JsonNode.Parse(body)!.AsObject()));
            script.TryDequeue(out respond);
        }

        await (respond ?? Failure(500))(context);
    }
}

public sealed record RecordedRequest(string Method, string Path, string Authorization, JsonObject Body)
{
    public JsonArray Messages => Body["messages"]!.AsArray();

    public IReadOnlyList<string> Roles => [.. Messages.Select(m => m!["role"]!.GetValue<string>())];

    /// <summary>A message's text whether the client sent it as a string or as text parts.</summary>
    public static string Text(JsonNode message) => message["content"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>())),
        _ => string.Empty,
    };
}
