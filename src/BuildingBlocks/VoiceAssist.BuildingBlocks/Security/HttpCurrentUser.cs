using Microsoft.AspNetCore.Http;
using VoiceAssist.BuildingBlocks.Contracts.Security;

namespace VoiceAssist.BuildingBlocks.Security;

/// <summary>The caller of the current HTTP request, read from the principal that authentication established.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public bool IsAuthenticated => accessor.HttpContext?.User.Identity?.IsAuthenticated == true && UserId is not null;

    public Guid? UserId => GuidClaim(VoiceAssistClaims.Subject);

    public Guid? SessionId => GuidClaim(VoiceAssistClaims.SessionId);

    public IReadOnlyList<string> Roles =>
        accessor.HttpContext?.User.Identity?.IsAuthenticated == true
            ? accessor.HttpContext.User.FindAll(VoiceAssistClaims.Role).Select(c => c.Value).ToList()
            : [];

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    private Guid? GuidClaim(string type) =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user && Guid.TryParse(user.FindFirst(type)?.Value, out var value)
            ? value
            : null;
}
