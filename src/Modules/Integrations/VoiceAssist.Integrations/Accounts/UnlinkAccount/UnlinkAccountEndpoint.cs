using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Integrations.Accounts.UnlinkAccount;

internal static class UnlinkAccountEndpoint
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IConfiguration configuration, ICurrentUser user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new UnlinkAccount(AccountOwner.Of(http, configuration), user.IsInRole(Roles.Admin), id), ct);
                return Results.NoContent();
            })
            .WithName(nameof(UnlinkAccount));
}
