using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceAssist.Identity.Tests.Nextcloud;

/// <summary>Serves OCS provisioning responses (files in Recorded/, in the OCS v1 JSON shape Nextcloud documents) on
/// loopback, the way Nextcloud does: 401 with OCS status 997 unless the request carries <c>OCS-APIRequest: true</c>
/// and the right basic credentials. Each request is kept so tests can check what the client sent.</summary>
public sealed class RecordedNextcloud : IAsyncDisposable
{
    public const string UserName = "voiceassist-sync";
    public const string AppPassword = "Xk3pQ-7fT2a-Lm9wZ-Rb4cN-8sDhY";

    private readonly WebApplication app;

    private RecordedNextcloud(WebApplication app) => this.app = app;

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    /// <summary>User id → name of the recorded file served for it (without <c>.json</c>).</summary>
    public ConcurrentDictionary<string, string> UserFiles { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string PathAndQuery, string? OcsHeader, string? Authorization)> Requests { get; } = new();

    public static async Task<RecordedNextcloud> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordedNextcloud(app);
        foreach (var id in new[] { "alice", "bob", "carol", "dave" })
        {
            server.UserFiles[id] = "user-" + id;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{AppPassword}"));
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers["OCS-APIRequest"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault()));
            if (context.Request.Headers["OCS-APIRequest"] != "true" || context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Recorded("unauthorized"));
                return;
            }

            await next(context);
        });
        app.MapGet("/ocs/v1.php/cloud/users", () => Results.Text(Recorded("users"), "application/json"));
        app.MapGet("/ocs/v1.php/cloud/users/{id}", (string id) =>
            server.UserFiles.TryGetValue(id, out var file) ? Results.Text(Recorded(file), "application/json") : Results.NotFound());
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Nextcloud", "Recorded", file + ".json"));
}
