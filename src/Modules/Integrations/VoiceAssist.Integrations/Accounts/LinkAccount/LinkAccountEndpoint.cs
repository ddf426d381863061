using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Integrations.Accounts.LinkAccount;

internal static class LinkAccountEndpoint
{
    internal sealed record Body(string Kind, string ServerUrl, string UserName, string Password, string? SmtpUrl, string? TimeZone, string? Scope);

    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/", async (Body body, HttpContext http, IConfiguration configuration, ICurrentUser user, ISender sender, CancellationToken ct) =>
            {
                var linked = await sender.Send(new LinkAccount(
                    AccountOwner.Of(http, configuration), user.IsInRole(Roles.Admin), body.Kind ?? string.Empty, body.ServerUrl ?? string.Empty,
                    body.UserName ?? string.Empty, body.Password ?? string.Empty, body.SmtpUrl, body.TimeZone, body.Scope), ct);
                return Results.Created($"/api/integrations/accounts/{linked.Id}", linked);
            })
            .WithName(nameof(LinkAccount))
            .ProducesValidationProblem();
}
