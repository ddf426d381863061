using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Conversations.ListConversations;

internal static class ListConversationsEndpoint
{
    public static void Map(RouteGroupBuilder conversations) =>
        conversations.MapGet("/", (HttpContext http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
                sender.Send(new ListConversations(CallerId.Of(http, configuration)), ct))
            .WithName(nameof(ListConversations));
}
