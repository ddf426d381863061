using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Outbox;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Documents.DeleteOffboardedUsersDocuments;

/// <summary>When an account is offboarded, its patient documents go at once: each document row, and with it (by cascade,
/// in the same transaction) its encrypted words, uploaded source, OCR pages and passages. Each removal is announced as
/// <see cref="DocumentDeleted"/>, as a delete from the page would be, and the whole is recorded as a change made by the
/// administrator who offboarded the account, by id and count only. A legal hold wins: nothing is deleted while the user
/// is held, and a held document stays. A second delivery finds its inbox row and does nothing. Shared documents the
/// user added stay: they belong to the knowledge base, not to the user.</summary>
internal sealed class DeleteOffboardedUsersDocuments(KnowledgeDbContext db, ISender sender) : IdempotentConsumer<UserOffboarded, KnowledgeDbContext>(db)
{
    public const string Action = "knowledge.user_data.deleted";

    protected override async Task Handle(UserOffboarded integrationEvent, CancellationToken cancellationToken)
    {
        var holds = await sender.Send(new GetLegalHolds(integrationEvent.UserId.ToString()), cancellationToken);
        if (holds.UserHeld)
        {
            Db.AddIntegrationEvent(new AdministrativeChange(Guid.CreateVersion7(), integrationEvent.OccurredAt, integrationEvent.ActorId, Action, "user",
                integrationEvent.UserId.ToString(), "Account offboarded; patient documents kept under a legal hold", null, null, null, null, null, null));
            return;
        }

        List<Guid> held = [.. holds.HeldResourceIds.Select(id => Guid.TryParse(id, out var guid) ? guid : Guid.Empty).Where(id => id != Guid.Empty)];
        var owned = Db.Documents.Where(d => d.OwnerId == integrationEvent.UserId && !held.Contains(d.Id));
        var documents = await owned.Select(d => new { d.Id, d.Title }).ToListAsync(cancellationToken);
        var passages = await Db.PatientChunks.CountAsync(c => owned.Any(d => d.Id == c.DocumentId), cancellationToken);
        await owned.ExecuteDeleteAsync(cancellationToken);
        foreach (var document in documents)
        {
            Db.AddIntegrationEvent(new DocumentDeleted(Guid.CreateVersion7(), integrationEvent.OccurredAt, document.Id, document.Title));
        }

        Db.AddIntegrationEvent(new AdministrativeChange(Guid.CreateVersion7(), integrationEvent.OccurredAt, integrationEvent.ActorId, Action, "user",
            integrationEvent.UserId.ToString(), "Account offboarded",
            AdministrativeChanges.Snapshot(new { PatientDocuments = documents.Count, Passages = passages }), null, null, null, null, null));
    }
}
