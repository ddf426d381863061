using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Testing;

/// <summary>Sends a module's console contract as the console does: through the host's mediator, with a signed-in
/// administrator as the current user.</summary>
public static class AdministratorRequests
{
    public static async Task<T> SendAsAdministrator<T>(this VoiceAssistFactory host, IRequest<T> request, Guid administratorId)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var identity = new ClaimsIdentity(
            [
                new Claim(VoiceAssistClaims.Subject, administratorId.ToString()),
                new Claim(VoiceAssistClaims.SessionId, Guid.NewGuid().ToString()),
                new Claim(VoiceAssistClaims.Role, Roles.Admin),
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
}
