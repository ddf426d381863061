using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Voice.Conversations.TakeTurn;

internal static class TakeTurnEndpoint
{
    public static void Map(RouteGroupBuilder conversations) =>
        conversations.MapPost("/{id:guid}/turns", (Guid id, TurnRequest body, HttpContext http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
                sender.Send(new TakeTurn(id, CallerId.Of(http, configuration), body.Text ?? string.Empty), ct))
            .WithName(nameof(TakeTurn))
            .RequireRateLimiting(RateLimitPolicies.Expensive);
}

/// <summary>The body of a turn: what the clinician said or typed.</summary>
internal sealed record TurnRequest(string? Text);
