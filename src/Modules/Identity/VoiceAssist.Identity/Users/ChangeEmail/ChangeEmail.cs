using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Users.ChangeEmail;

/// <summary>A user changes the email they sign in with, after re-authenticating. Their other sessions end.</summary>
internal sealed record ChangeEmail(Guid UserId, Guid SessionId, string NewEmail, string? Password, string? Code) : ICommand<ChangeOutcome<Unit>>;

internal sealed record ChangeEmailBody(string NewEmail, string? Password, string? Code);

internal sealed class ChangeEmailValidator : AbstractValidator<ChangeEmail>
{
    public ChangeEmailValidator() => RuleFor(c => c.NewEmail).NotEmpty().MaximumLength(254).EmailAddress();
}

internal sealed class ChangeEmailHandler(
    IdentityDbContext db, ReAuthentication reAuthentication, UserManager<User> users, SessionTokens sessions, TimeProvider time)
    : IRequestHandler<ChangeEmail, ChangeOutcome<Unit>>
{
    public async Task<ChangeOutcome<Unit>> Handle(ChangeEmail request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (!await reAuthentication.Verify(user, request.Password, request.Code, cancellationToken))
        {
            return ChangeOutcome<Unit>.Failed;
        }

        var normalized = UserQueries.NormalizeEmail(request.NewEmail);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != user.Id, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        user.Email = request.NewEmail.Trim();
        user.UserName = user.Email;
        user.EmailConfirmed = false;
        Accounts.Check(await users.UpdateAsync(user), "newEmail");
        db.AddIntegrationEvent(new EmailChanged(Guid.CreateVersion7(), time.GetUtcNow(), user.Id));
        await sessions.RevokeAll(user.Id, RevocationReason.CredentialsChanged, user.Id, except: request.SessionId, cancellationToken);
        return new(ChangeStatus.Done, Unit.Value);
    }
}

internal static class ChangeEmailEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPut("/me/email", async (ChangeEmailBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ChangeEmail(caller.UserId!.Value, caller.SessionId!.Value, body.NewEmail, body.Password, body.Code), ct))
                .ToHttpResult(_ => Results.NoContent()))
        .WithName(nameof(ChangeEmail))
        .RequireAuthorization(Policies.SignedIn)
        .RequireRateLimiting(IdentityRateLimiting.AccountChangesPolicy)
        .ProducesValidationProblem();
}
