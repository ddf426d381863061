using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Users.CreateUser;

internal static class CreateUserEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/users", async (CreateUser request, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(request, ct);
            return Results.Created($"/api/identity/users/{user.Id}", user);
        })
        .WithName(nameof(CreateUser))
        .RequireAuthorization(IdentityPolicies.AccountAdministrator)
        .ProducesValidationProblem();
}
