using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VoiceAssist.Knowledge.Embeddings;

namespace VoiceAssist.Knowledge.Tests.Embeddings;

/// <summary>Contract test of the OpenAI embeddings wire format against a local HTTP server that answers exactly as
/// the API documents it (the real service is paid and unreachable here).</summary>
public sealed class OpenAiCompatibleEmbeddingGeneratorTests
{
    [Fact]
    public async Task Sends_the_documented_request_and_reads_vectors_in_input_order()
    {
        JsonElement? received = null;
        string? authorization = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            authorization = context.Request.Headers.Authorization.ToString();
            received = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            context.Response.ContentType = "application/json";
            // Out of order on purpose: clients must sort by index.
            await context.Response.WriteAsync("""
                {"object":"list","data":[
                  {"object":"embedding","index":1,"embedding":[0.0,1.0,0.0]},
                  {"object":"embedding","index":0,"embedding":[1.0,0.0,0.0]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":7,"total_tokens":7}}
                """);
        });
        await app.StartAsync();
        using var http = new HttpClient();
        var generator = new OpenAiCompatibleEmbeddingGenerator(http, new Uri(app.Urls.Single() + "/v1"), "sk-test", "text-embedding-3-small", 3);

        var embeddings = await generator.GenerateAsync(["first text", "second text"]);

        authorization.Should().Be("Bearer sk-test");
        received!.Value.GetProperty("model").GetString().Should().Be("text-embedding-3-small");
        received.Value.GetProperty("input").EnumerateArray().Select(e => e.GetString()).Should().Equal("first text", "second text");
        received.Value.GetProperty("encoding_format").GetString().Should().Be("float");
        received.Value.GetProperty("dimensions").GetInt32().Should().Be(3);
        embeddings[0].Vector.ToArray().Should().Equal(1f, 0f, 0f);
        embeddings[1].Vector.ToArray().Should().Equal(0f, 1f, 0f);
        embeddings.Usage!.InputTokenCount.Should().Be(7);
        await app.StopAsync();
    }

    [Fact]
    public async Task An_error_status_from_the_endpoint_is_an_exception_not_empty_vectors()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/embeddings", () => Results.StatusCode(401));
        await app.StartAsync();
        using var http = new HttpClient();
        var generator = new OpenAiCompatibleEmbeddingGenerator(http, new Uri(app.Urls.Single()), "wrong", "m", null);

        var act = () => generator.GenerateAsync(["x"]);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        await app.StopAsync();
    }
}
