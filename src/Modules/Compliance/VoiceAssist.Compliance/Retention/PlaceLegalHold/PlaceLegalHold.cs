using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.Retention.PlaceLegalHold;

/// <summary>Suspends purging of everything about a user (their conversations, audit entries naming them) or one
/// resource (a conversation, an audit subject) until the hold is released.</summary>
internal sealed record PlaceLegalHold(string SubjectType, string SubjectId, string Reason) : ICommand<LegalHoldView>;

internal sealed record LegalHoldView(Guid Id, string SubjectType, string SubjectId, string Reason, DateTimeOffset PlacedAt, DateTimeOffset? ReleasedAt);

internal sealed class PlaceLegalHoldValidator : AbstractValidator<PlaceLegalHold>
{
    public PlaceLegalHoldValidator()
    {
        RuleFor(h => h.SubjectType).Must(t => t is LegalHoldSubjects.User or LegalHoldSubjects.Resource).WithMessage("Subject type is 'user' or 'resource'.");
        RuleFor(h => h.SubjectId).NotEmpty().MaximumLength(200);
        RuleFor(h => h.Reason).NotEmpty().MaximumLength(1000);
    }
}

internal sealed class PlaceLegalHoldHandler(ComplianceDbContext db, AuditRecorder audit, ICurrentUser user, TimeProvider time)
    : IRequestHandler<PlaceLegalHold, LegalHoldView>
{
    public Task<LegalHoldView> Handle(PlaceLegalHold request, CancellationToken cancellationToken)
    {
        var hold = new LegalHold
        {
            Id = Guid.CreateVersion7(),
            SubjectType = request.SubjectType,
            SubjectId = request.SubjectId,
            Reason = request.Reason,
            PlacedBy = user.UserId?.ToString(),
            PlacedAt = time.GetUtcNow(),
        };
        db.LegalHolds.Add(hold);
        audit.Add(AuditActions.LegalHoldPlaced, request.SubjectType, request.SubjectId, reason: request.Reason);
        return Task.FromResult(new LegalHoldView(hold.Id, hold.SubjectType, hold.SubjectId, hold.Reason, hold.PlacedAt, null));
    }
}

internal static class LegalHoldEndpoints
{
    public static void Map(RouteGroupBuilder compliance)
    {
        compliance.MapPost("/legal-holds", async (PlaceLegalHoldBody body, ISender sender, CancellationToken ct) =>
            {
                var hold = await sender.Send(new PlaceLegalHold(body.SubjectType ?? "", body.SubjectId ?? "", body.Reason ?? ""), ct);
                return Results.Created($"/api/compliance/legal-holds/{hold.Id}", hold);
            })
            .WithName(nameof(PlaceLegalHold))
            .RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem();
        compliance.MapDelete("/legal-holds/{id:guid}", (Guid id, ISender sender, CancellationToken ct) =>
                sender.Send(new ReleaseLegalHold.ReleaseLegalHold(id), ct))
            .WithName(nameof(ReleaseLegalHold.ReleaseLegalHold))
            .RequireAuthorization(Policies.Admin);
    }
}

internal sealed record PlaceLegalHoldBody(string? SubjectType, string? SubjectId, string? Reason);
