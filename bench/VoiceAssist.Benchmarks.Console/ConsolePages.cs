using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Testing;

namespace VoiceAssist.Benchmarks.Console;

/// <summary>The console's pages as the host maps them, and a signed-in administrator's browser session.</summary>
internal static class ConsolePages
{
    /// <summary>Every console page the host maps that needs no route value.</summary>
    public static IReadOnlyList<string> Discover(VoiceAssistFactory factory)
    {
        _ = factory.Server;
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(path => path.StartsWith("/admin", StringComparison.Ordinal) && !path.Contains('{', StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The audit page under the filters and depths an auditor uses, when the host has it.</summary>
    public static IEnumerable<(string Name, string Path)> AuditVariants(string deepCursor, string actor, string correlation, string range) => [];

    /// <summary>A client that carries the administrator's console session.</summary>
    public static Task<HttpClient> SignIn(VoiceAssistFactory factory, SignedInUser admin) => Task.FromResult(admin.Client);
}
