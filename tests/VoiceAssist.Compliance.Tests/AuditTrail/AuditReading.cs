using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

/// <summary>Reads the trail the way the console does: a request sent through the host's mediator on behalf of a
/// signed-in caller of a given role, and seeds entries straight into the table (through its chaining trigger).</summary>
internal static class AuditReading
{
    public static async Task<T> SendAs<T>(this VoiceAssistFactory factory, string role, IRequest<T> request, string? correlationId = null)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var previous = accessor.HttpContext;
        var caller = new ClaimsIdentity(
            [new Claim(VoiceAssistClaims.Subject, Guid.NewGuid().ToString()), new Claim(VoiceAssistClaims.SessionId, Guid.NewGuid().ToString()),
             new Claim(VoiceAssistClaims.Role, role)], authenticationType: "test");
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = new ClaimsPrincipal(caller) };
        http.Items["X-Correlation-Id"] = correlationId ?? "console-" + Guid.NewGuid().ToString("N")[..12];
        accessor.HttpContext = http;
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }

    /// <summary>A prefix no other test uses, for actions of entries that only this test seeds.</summary>
    public static string UniqueActionPrefix() => $"test.{Guid.NewGuid():N}"[..17] + ".";

    /// <summary>Seeds <paramref name="count"/> entries with action <c>{prefix}{i % 3}</c> (i from 1), actor
    /// <c>actor-{i % 4}</c>, outcome succeeded/failed alternating, correlation id <c>corr-{i % 5}</c>, resource
    /// <c>doc-{i % 6}</c>, and times one second apart going back from <paramref name="newest"/>, except that entries
    /// 2k and 2k+1 share their time, so the id breaks ties in the order.</summary>
    public static Task Seed(VoiceAssistFactory factory, string prefix, int count, DateTimeOffset newest)
    {
        _ = factory.Server; // starts the host, which migrates
        return AuditChainFixture.Execute(factory, $"""
            INSERT INTO compliance.audit_entries (occurred_at, action, resource_type, resource_id, actor_id, source_event_id, outcome, correlation_id)
            SELECT '{newest.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::timestamptz - ((i / 2) || ' seconds')::interval,
                   '{prefix}' || (i % 3), 'document', '{prefix}doc-' || (i % 6), '{prefix}actor-' || (i % 4), gen_random_uuid(),
                   CASE WHEN i % 2 = 0 THEN 'succeeded' ELSE 'failed' END, '{prefix}corr-' || (i % 5)
              FROM generate_series(1, {count}) i
            """);
    }
}
