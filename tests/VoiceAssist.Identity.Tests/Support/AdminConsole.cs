using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>Who a request is sent as: an account id, its session and its role, as a signed-in caller's token carries them.</summary>
internal sealed record Caller(Guid UserId, Guid SessionId, string Role);

/// <summary>Sends the Identity contracts through the host's mediator the way the console's pages do: in a request scope
/// whose caller is a signed-in account (by default the bootstrap administrator, signed in for real).</summary>
internal sealed class AdminConsole(IdentityFactory factory, IdentityApi api)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Caller? administrator;

    /// <summary>The bootstrap administrator with a live session.</summary>
    public async Task<Caller> Administrator()
    {
        if (administrator is null)
        {
            var tokens = await api.SignInAdmin();
            var me = await api.As(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/identity/me");
            administrator = new Caller(me.GetProperty("id").GetGuid(), tokens.SessionId, Roles.Admin);
        }

        return administrator;
    }

    public async Task<T> Send<T>(IRequest<T> request, Caller? caller = null)
    {
        caller ??= await Administrator();
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var identity = new ClaimsIdentity(
            [
                new Claim(VoiceAssistClaims.Subject, caller.UserId.ToString()),
                new Claim(VoiceAssistClaims.SessionId, caller.SessionId.ToString()),
                new Claim(VoiceAssistClaims.Role, caller.Role),
            ],
            authenticationType: "Bearer",
            nameType: VoiceAssistClaims.Subject,
            roleType: VoiceAssistClaims.Role);
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>The audit trail's entries for an account and action, once the outbox has delivered <paramref name="count"/>.</summary>
    public async Task<List<AuditRow>> AuditEntries(Guid userId, string action, int count = 1) =>
        await Eventually.Until(() => AuditRows(userId, action), rows => rows.Count >= count, because: $"{action} reaches the audit trail");

    private async Task<List<AuditRow>> AuditRows(Guid userId, string action)
    {
        var rows = await AuditTrail.Read(
            factory.DatabaseConnectionString,
            "json_build_object('actor', actor_id, 'role', actor_role, 'reason', reason, 'before', before_value, 'after', after_value, 'session', session_id)::text",
            $"resource_id = @value AND action = '{action}'",
            userId.ToString());
        return [.. rows.Select(row => JsonSerializer.Deserialize<AuditRow>(row, Json)!)];
    }
}

/// <summary>One audit entry as the trail holds it.</summary>
internal sealed record AuditRow(string? Actor, string? Role, string? Reason, string? Before, string? After, string? Session);
