using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Users.AcceptInvitation;

internal sealed class AcceptInvitationValidator : AbstractValidator<Contracts.AcceptInvitation>
{
    public AcceptInvitationValidator()
    {
        RuleFor(a => a.Token).NotEmpty().MaximumLength(200);
        RuleFor(a => a.Password).NotEmpty().WithMessage("Choose a password.");
    }
}

/// <summary>Sets the first password (through ASP.NET Core Identity's password rules) and spends the invitation, for the
/// API's <c>POST /api/identity/invitations/accept</c> and the console's invitation page alike.</summary>
internal sealed class AcceptInvitationHandler(IdentityDbContext db, Accounts accounts, IOptions<MfaSettings> mfa, TimeProvider time)
    : IRequestHandler<Contracts.AcceptInvitation, InvitationAccepted>
{
    public async Task<InvitationAccepted> Handle(Contracts.AcceptInvitation request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = Secrets.Hash(request.Token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken)
            ?? throw new NotFoundException("Invitation", "(token)");
        var user = await db.ForUpdate(invitation.UserId, cancellationToken);
        if (user is null || user.PasswordHash is not null || user.DisabledAt is not null)
        {
            throw new NotFoundException("Invitation", "(token)");
        }

        await accounts.SetFirstPassword(user, request.Password);
        invitation.AcceptedAt = now;
        user.EmailConfirmed = true;
        db.AddIntegrationEvent(new PasswordSet(Guid.CreateVersion7(), now, user.Id));
        return new InvitationAccepted(user.Email!, user.RequiresMfa(mfa.Value));
    }
}

internal sealed class DescribeInvitationHandler(IdentityDbContext db, IOptions<MfaSettings> mfa, TimeProvider time)
    : IRequestHandler<DescribeInvitation, PendingInvitation?>
{
    public async Task<PendingInvitation?> Handle(DescribeInvitation request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 200)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var hash = Secrets.Hash(request.Token);
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
            .Join(db.Users.Where(u => u.PasswordHash == null && u.DisabledAt == null), i => i.UserId, u => u.Id, (i, u) => new { u, i.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new PendingInvitation(found.u.Email!, found.u.DisplayName, found.u.RequiresMfa(mfa.Value), found.ExpiresAt);
    }
}

internal static class AcceptInvitationEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/invitations/accept", async (Contracts.AcceptInvitation request, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(request, ct);
            return Results.NoContent();
        })
        .WithName(nameof(AcceptInvitation))
        .AllowAnonymous()
        .RequireRateLimiting(IdentityRateLimiting.SignInPolicy)
        .ProducesValidationProblem();
}
