using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Conversations.GetConversation;

internal static class GetConversationEndpoint
{
    public static void Map(RouteGroupBuilder conversations) =>
        conversations.MapGet("/{id:guid}", (Guid id, HttpContext http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
                sender.Send(new GetConversation(id, CallerId.Of(http, configuration)), ct))
            .WithName(nameof(GetConversation));
}
