using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Users.AcceptInvitation;

/// <summary>A new user sets their first password with the invitation token an administrator gave them.</summary>
internal sealed record AcceptInvitation(string Token, string Password) : ICommand<Unit>;

internal sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator()
    {
        RuleFor(a => a.Token).NotEmpty().MaximumLength(200);
        RuleFor(a => a.Password).NotEmpty();
    }
}

internal sealed class AcceptInvitationHandler(IdentityDbContext db, Accounts accounts, TimeProvider time) : IRequestHandler<AcceptInvitation, Unit>
{
    public async Task<Unit> Handle(AcceptInvitation request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = Secrets.Hash(request.Token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken)
            ?? throw new NotFoundException("Invitation", "(token)");
        var user = await db.ForUpdate(invitation.UserId, cancellationToken);
        if (user is null || user.PasswordHash is not null)
        {
            throw new NotFoundException("Invitation", "(token)");
        }

        await accounts.SetFirstPassword(user, request.Password);
        invitation.AcceptedAt = now;
        user.EmailConfirmed = true;
        db.AddIntegrationEvent(new PasswordSet(Guid.CreateVersion7(), now, user.Id));
        return Unit.Value;
    }
}

internal static class AcceptInvitationEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/invitations/accept", async (AcceptInvitation request, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(request, ct);
            return Results.NoContent();
        })
        .WithName(nameof(AcceptInvitation))
        .AllowAnonymous()
        .RequireRateLimiting(IdentityRateLimiting.SignInPolicy)
        .ProducesValidationProblem();
}
