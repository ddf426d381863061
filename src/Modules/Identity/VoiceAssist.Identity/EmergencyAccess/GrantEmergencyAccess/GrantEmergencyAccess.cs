using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.EmergencyAccess.GrantEmergencyAccess;

internal sealed class GrantEmergencyAccessValidator : AbstractValidator<Contracts.GrantEmergencyAccess>
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;

    public GrantEmergencyAccessValidator()
    {
        RuleFor(g => g.Reason).Must(reason => reason is not null && reason.Trim().Length >= MinReasonLength)
            .WithMessage($"State the emergency in at least {MinReasonLength} characters.")
            .MaximumLength(MaxReasonLength);
        RuleFor(g => g.ResourceType).Equal(EmergencyAccessResources.Conversation);
        RuleFor(g => g.OwnerId).NotEmpty();
    }
}

/// <summary>Saves the grant and its <see cref="EmergencyAccessGranted"/> event in one transaction. A grant already in
/// force is extended by a new one (with its own reason and event), never silently reused.</summary>
internal sealed class GrantEmergencyAccessHandler(IdentityDbContext db, IOptions<BreakGlassSettings> settings, TimeProvider time)
    : IRequestHandler<Contracts.GrantEmergencyAccess, EmergencyAccessGrant>
{
    public async Task<EmergencyAccessGrant> Handle(Contracts.GrantEmergencyAccess request, CancellationToken cancellationToken)
    {
        if (request.OwnerId == request.UserId.ToString())
        {
            throw new ConflictException("This is your own record: emergency access is for another user's.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            throw new NotFoundException("User", request.UserId);
        }

        var now = time.GetUtcNow();
        var grant = new EmergencyAccessGrantRecord
        {
            Id = Guid.CreateVersion7(),
            UserId = request.UserId,
            ResourceType = request.ResourceType,
            ResourceId = request.ResourceId,
            OwnerId = request.OwnerId,
            Reason = request.Reason.Trim(),
            GrantedAt = now,
            ExpiresAt = now + settings.Value.Duration,
        };
        db.EmergencyAccessGrants.Add(grant);
        db.AddIntegrationEvent(new EmergencyAccessGranted(
            Guid.CreateVersion7(), now, grant.Id, grant.UserId, grant.ResourceType, grant.ResourceId, grant.OwnerId, grant.Reason, grant.ExpiresAt));
        await db.SaveChangesAsync(cancellationToken);
        return new EmergencyAccessGrant(grant.Id, grant.GrantedAt, grant.ExpiresAt);
    }
}

internal sealed class FindEmergencyAccessHandler(IdentityDbContext db, TimeProvider time) : IRequestHandler<FindEmergencyAccess, EmergencyAccessGrant?>
{
    public async Task<EmergencyAccessGrant?> Handle(FindEmergencyAccess request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.EmergencyAccessGrants.AsNoTracking()
            .Where(g => g.UserId == request.UserId && g.ResourceType == request.ResourceType && g.ResourceId == request.ResourceId && g.ExpiresAt > now)
            .OrderByDescending(g => g.ExpiresAt)
            .Select(g => new EmergencyAccessGrant(g.Id, g.GrantedAt, g.ExpiresAt))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
