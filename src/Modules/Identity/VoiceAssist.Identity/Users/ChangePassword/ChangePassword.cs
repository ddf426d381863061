using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;

namespace VoiceAssist.Identity.Users.ChangePassword;

/// <summary>A user changes their password, proving the current one (and their TOTP code when MFA is on). The new one
/// meets the same rules as a first password; every other session ends.</summary>
internal sealed record ChangePassword(Guid UserId, Guid SessionId, string? CurrentPassword, string NewPassword, string? Code) : ICommand<ChangeOutcome<Unit>>;

internal sealed record ChangePasswordBody(string? CurrentPassword, string NewPassword, string? Code);

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator() => RuleFor(c => c.NewPassword).NotEmpty();
}

internal sealed class ChangePasswordHandler(
    IdentityDbContext db, ReAuthentication reAuthentication, UserManager<User> users, SessionTokens sessions, TimeProvider time)
    : IRequestHandler<ChangePassword, ChangeOutcome<Unit>>
{
    public async Task<ChangeOutcome<Unit>> Handle(ChangePassword request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (!await reAuthentication.Verify(user, request.CurrentPassword, request.Code, cancellationToken))
        {
            return ChangeOutcome<Unit>.Failed;
        }

        // The current password was verified above. A new password that breaks the rules throws, rolling both steps back;
        // a good one gets a new hash and a new security stamp, which voids pending MFA tokens.
        Accounts.Check(await users.RemovePasswordAsync(user), "newPassword");
        Accounts.Check(await users.AddPasswordAsync(user, request.NewPassword), "newPassword");
        db.AddIntegrationEvent(new PasswordChanged(Guid.CreateVersion7(), time.GetUtcNow(), user.Id));
        await sessions.RevokeAll(user.Id, RevocationReason.CredentialsChanged, user.Id, except: request.SessionId, cancellationToken);
        return new(ChangeStatus.Done, Unit.Value);
    }
}

internal static class ChangePasswordEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/me/password", async (ChangePasswordBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            (await sender.Send(new ChangePassword(caller.UserId!.Value, caller.SessionId!.Value, body.CurrentPassword, body.NewPassword, body.Code), ct))
                .ToHttpResult(_ => Results.NoContent()))
        .WithName(nameof(ChangePassword))
        .RequireAuthorization(Policies.SignedIn)
        .RequireRateLimiting(IdentityRateLimiting.AccountChangesPolicy)
        .ProducesValidationProblem();
}
