using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.Retention.GetLegalHolds;

/// <summary>The active holds another module must respect before deleting a user's records.</summary>
internal sealed class GetLegalHoldsHandler(ComplianceDbContext db) : IRequestHandler<Contracts.GetLegalHolds, LegalHolds>
{
    public async Task<LegalHolds> Handle(Contracts.GetLegalHolds request, CancellationToken cancellationToken)
    {
        var active = db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null);
        var userHeld = await active.AnyAsync(h => h.SubjectType == LegalHoldSubjects.User && h.SubjectId == request.UserId, cancellationToken);
        var resources = await active.Where(h => h.SubjectType == LegalHoldSubjects.Resource).Select(h => h.SubjectId).ToListAsync(cancellationToken);
        return new LegalHolds(userHeld, resources);
    }
}
