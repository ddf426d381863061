using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Voice.Data;
using VoiceAssist.Voice.VoiceSessions.Recording;

namespace VoiceAssist.Voice.Conversations.DeleteOffboardedUsersConversations;

/// <summary>When an account is offboarded, its conversations go at once rather than at the retention purge: the
/// conversations, and with them (by cascade, in the same transaction) their turns, turn timings and recordings. A legal
/// hold wins: nothing is deleted while the user is held, and a held conversation stays (the retention purge applies the
/// same rule). What was deleted is recorded as a change made by the administrator who offboarded the account, counts
/// only. A second delivery of the event finds its inbox row and does nothing.</summary>
internal sealed class DeleteOffboardedUsersConversations(VoiceDbContext db, ISender sender) : IdempotentConsumer<UserOffboarded, VoiceDbContext>(db)
{
    public const string Action = "voice.user_data.deleted";

    protected override async Task Handle(UserOffboarded integrationEvent, CancellationToken cancellationToken)
    {
        var owner = integrationEvent.UserId.ToString();
        var holds = await sender.Send(new GetLegalHolds(owner), cancellationToken);
        if (holds.UserHeld)
        {
            Db.AddIntegrationEvent(new AdministrativeChange(Guid.CreateVersion7(), integrationEvent.OccurredAt, integrationEvent.ActorId, Action, "user", owner,
                "Account offboarded; conversations kept under a legal hold", null, null, null, null, null, null));
            return;
        }

        List<Guid> held = [.. holds.HeldResourceIds.Select(id => Guid.TryParse(id, out var guid) ? guid : Guid.Empty).Where(id => id != Guid.Empty)];
        var conversations = Db.Conversations.Where(c => c.OwnerId == owner && !held.Contains(c.Id));
        var turns = await Db.Turns.CountAsync(t => conversations.Any(c => c.Id == t.ConversationId), cancellationToken);
        var recordings = await Db.Set<UtteranceRecording>().CountAsync(r => conversations.Any(c => c.Id == r.ConversationId), cancellationToken);
        var deleted = await conversations.ExecuteDeleteAsync(cancellationToken);
        Db.AddIntegrationEvent(new AdministrativeChange(Guid.CreateVersion7(), integrationEvent.OccurredAt, integrationEvent.ActorId, Action, "user", owner,
            "Account offboarded", AdministrativeChanges.Snapshot(new { Conversations = deleted, Turns = turns, Recordings = recordings }), null, null, null, null, null));
    }
}
