using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Compliance.Data;

namespace VoiceAssist.Compliance.AuditTrail.GetAuditEntry;

internal sealed class GetAuditEntryValidator : AbstractValidator<Contracts.Administration.GetAuditEntry>
{
    public GetAuditEntryValidator() => RuleFor(g => g.Id).GreaterThan(0);
}

internal sealed class GetAuditEntryHandler(ComplianceDbContext db, AuditRecorder recorder, ICurrentUser user) : IRequestHandler<Contracts.Administration.GetAuditEntry, AuditEntryDetail>
{
    public async Task<AuditEntryDetail> Handle(Contracts.Administration.GetAuditEntry request, CancellationToken cancellationToken)
    {
        AuditReaders.Demand(user);
        var e = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Audit entry", request.Id);
        await recorder.Record(AuditActions.AuditEntryViewed, "audit_entry", e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken: cancellationToken);
        return AuditFilters.Detail(e);
    }
}
