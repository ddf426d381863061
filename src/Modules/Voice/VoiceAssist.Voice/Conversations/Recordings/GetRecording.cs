using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Voice.Conversations.BreakGlass;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.VoiceSessions.Recording;

namespace VoiceAssist.Voice.Conversations.Recordings;

/// <summary>One recorded utterance as a WAVE file, decrypted for the conversation's owner (or a break-glass grant).</summary>
[TouchesPhi]
internal sealed record GetRecording(Guid ConversationId, Guid RecordingId, string CallerId) : IQuery<byte[]>;

internal sealed class GetRecordingHandler(VoiceDbContext db, EmergencyConversationAccess access) : IRequestHandler<GetRecording, byte[]>
{
    public async Task<byte[]> Handle(GetRecording request, CancellationToken cancellationToken)
    {
        await access.EnsureReadable(request.ConversationId, request.CallerId, cancellationToken);
        var wave = await db.Set<UtteranceRecording>().AsNoTracking()
            .Where(r => r.ConversationId == request.ConversationId && r.Id == request.RecordingId)
            .Select(r => r.Wave)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Recording", request.RecordingId);
        return Convert.FromBase64String(wave);
    }
}
