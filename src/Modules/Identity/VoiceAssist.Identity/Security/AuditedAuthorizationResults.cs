using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Security;

/// <summary>Records every refusal by an authorization policy (a signed-in caller without the role: 403) as an
/// <see cref="AccessDenied"/> security event, then answers as the framework does. The authorization middleware asks
/// this for API endpoints and the console's pages alike, so neither can be probed silently.</summary>
internal sealed class AuditedAuthorizationResults(IServiceScopeFactory scopes, TimeProvider time) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            await Record(context).ConfigureAwait(false);
        }

        await framework.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    private async Task Record(HttpContext context)
    {
        var user = context.User;
        var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy ?? (data.Roles is { } roles ? "roles:" + roles : null))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList() ?? [];
        // A scope of its own: the refusal is saved whatever the request's own unit of work holds.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        db.AddIntegrationEvent(new AccessDenied(
            Guid.CreateVersion7(),
            time.GetUtcNow(),
            Guid.TryParse(user.FindFirst(VoiceAssistClaims.Subject)?.Value, out var userId) ? userId : null,
            Guid.TryParse(user.FindFirst(VoiceAssistClaims.SessionId)?.Value, out var sessionId) ? sessionId : null,
            user.FindAll(VoiceAssistClaims.Role).Select(c => c.Value).ToList() is { Count: > 0 } roles ? string.Join(',', roles) : null,
            context.Request.Method,
            (context.Request.PathBase + context.Request.Path).ToString(),
            policies.Count > 0 ? string.Join(',', policies) : "fallback"));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
