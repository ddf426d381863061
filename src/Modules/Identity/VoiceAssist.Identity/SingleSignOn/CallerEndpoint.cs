using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Security;

namespace VoiceAssist.Identity.SingleSignOn;

/// <summary>Who the API takes the caller to be: the local account, or the provider and subject of a provider's
/// bearer token, with the roles either maps to. Lets a service holding a provider token check its mapping.</summary>
internal sealed record CallerResponse(Guid? UserId, string? Provider, string? ExternalSubject, IReadOnlyList<string> Roles);

internal static class CallerEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapGet("/sso/caller", (ClaimsPrincipal principal, ICurrentUser caller) => Results.Ok(new CallerResponse(
                caller.UserId,
                principal.FindFirst(ProviderBearerAuthentication.ExternalIssuer)?.Value,
                principal.FindFirst(ProviderBearerAuthentication.ExternalSubject)?.Value,
                caller.Roles)))
            .WithName("GetCaller")
            .RequireAuthorization();
}
