using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Compliance.Retention.PlaceLegalHold;

namespace VoiceAssist.Compliance.Retention.ReleaseLegalHold;

/// <summary>Ends a legal hold; what it kept becomes subject to the next purge. The hold row stays, as history.</summary>
internal sealed record ReleaseLegalHold(Guid Id) : ICommand<LegalHoldView>;

internal sealed class ReleaseLegalHoldHandler(ComplianceDbContext db, AuditRecorder audit, ICurrentUser user, TimeProvider time)
    : IRequestHandler<ReleaseLegalHold, LegalHoldView>
{
    public async Task<LegalHoldView> Handle(ReleaseLegalHold request, CancellationToken cancellationToken)
    {
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == request.Id && h.ReleasedAt == null, cancellationToken)
            ?? throw new NotFoundException("Legal hold", request.Id);
        hold.ReleasedAt = time.GetUtcNow();
        hold.ReleasedBy = user.UserId?.ToString();
        audit.Add(AuditActions.LegalHoldReleased, hold.SubjectType, hold.SubjectId, reason: hold.Reason);
        return new LegalHoldView(hold.Id, hold.SubjectType, hold.SubjectId, hold.Reason, hold.PlacedAt, hold.ReleasedAt);
    }
}
