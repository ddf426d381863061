using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Conversations.StartConversation;

internal static class StartConversationEndpoint
{
    public static void Map(RouteGroupBuilder conversations) =>
        conversations.MapPost("/", async (HttpContext http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
        {
            var started = await sender.Send(new StartConversation(CallerId.Of(http, configuration)), ct);
            return Results.Created($"/api/conversations/{started.Id}", started);
        })
        .WithName(nameof(StartConversation));
}
