using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Conversations.BreakGlass;

/// <summary>Who may read a conversation: its owner, or a user holding a break-glass grant for it that has not
/// expired (granted and audited by the Identity module). Anyone else is told it does not exist.</summary>
internal sealed class EmergencyConversationAccess(VoiceDbContext db, ISender sender)
{
    /// <summary>The owner of the conversation the caller may read; throws <see cref="NotFoundException"/> otherwise.</summary>
    public async Task<string> EnsureReadable(Guid conversationId, string callerId, CancellationToken cancellationToken)
    {
        var ownerId = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => c.OwnerId)
            .SingleOrDefaultAsync(cancellationToken);
        if (ownerId is null)
        {
            throw new NotFoundException("Conversation", conversationId);
        }

        if (ownerId == callerId)
        {
            return ownerId;
        }

        return Guid.TryParse(callerId, out var userId)
               && await sender.Send(new FindEmergencyAccess(userId, EmergencyAccessResources.Conversation, conversationId), cancellationToken) is not null
            ? ownerId
            : throw new NotFoundException("Conversation", conversationId);
    }
}
