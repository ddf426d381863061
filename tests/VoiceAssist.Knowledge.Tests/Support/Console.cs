using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Support;

/// <summary>Sends Knowledge's contracts as the console does: in a request scope whose caller is a real signed-in
/// account (its id, session and role as the access token would carry them), through the host's own mediator.</summary>
internal sealed class ConsoleCaller(VoiceAssistFactory factory, SignedInUser user)
{
    public SignedInUser User { get; } = user;

    public static async Task<ConsoleCaller> SignIn(VoiceAssistFactory factory, string role) => new(factory, await factory.CreateSignedInUser(role));

    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var identity = new ClaimsIdentity(
            [
                new Claim(VoiceAssistClaims.Subject, User.Id.ToString()),
                new Claim(VoiceAssistClaims.SessionId, User.SessionId.ToString()),
                new Claim(VoiceAssistClaims.Role, User.Role),
            ], "Bearer", VoiceAssistClaims.Subject, VoiceAssistClaims.Role);
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.20.30.40");
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
        }
        finally
        {
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = null;
        }
    }
}

/// <summary>An audit trail entry as stored, read straight from the table (the auditor's API leaves out before and after).</summary>
internal sealed record AuditRow(string Action, string ResourceType, string ResourceId, string? ActorId, string? ActorRole, string? Reason, string? Before, string? After, string? ClientIp);

internal static class AuditTrail
{
    public static Task<List<AuditRow>> Entries(VoiceAssistFactory factory, string action, string? resourceId = null, int atLeast = 1) =>
        Eventually.Until(() => Read(factory, action, resourceId), rows => rows.Count >= atLeast, TimeSpan.FromSeconds(30), $"audit entries {action}");

    public static async Task<List<AuditRow>> Read(VoiceAssistFactory factory, string action, string? resourceId = null)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT action, resource_type, resource_id, actor_id, actor_role, reason, before_value, after_value, client_ip
            FROM compliance.audit_entries WHERE action = @action AND (@resource::text IS NULL OR resource_id = @resource) ORDER BY id
            """, connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("resource", (object?)resourceId ?? DBNull.Value);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new AuditRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8)));
        }

        return rows;
    }
}

internal static class KnowledgeDatabase
{
    public static async Task Execute(VoiceAssistFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
