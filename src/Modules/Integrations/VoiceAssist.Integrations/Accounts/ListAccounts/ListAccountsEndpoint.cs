using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Integrations.Accounts.ListAccounts;

internal static class ListAccountsEndpoint
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("/", (HttpContext http, IConfiguration configuration, ICurrentUser user, ISender sender, CancellationToken ct) =>
                sender.Send(new ListAccounts(AccountOwner.Of(http, configuration), user.IsInRole(Roles.Admin)), ct))
            .WithName(nameof(ListAccounts));
}
