using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Conversations.Recordings;

internal static class RecordingsEndpoints
{
    public static void Map(RouteGroupBuilder conversations)
    {
        conversations.MapGet("/{id:guid}/recordings", (Guid id, HttpContext http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
                sender.Send(new ListRecordings(id, CallerId.Of(http, configuration)), ct))
            .WithName(nameof(ListRecordings));
        conversations.MapGet("/{id:guid}/recordings/{recordingId:guid}", async (Guid id, Guid recordingId, HttpContext http, IConfiguration configuration, ISender sender, CancellationToken ct) =>
                Results.File(await sender.Send(new GetRecording(id, recordingId, CallerId.Of(http, configuration)), ct), "audio/wav"))
            .WithName(nameof(GetRecording));
    }
}
