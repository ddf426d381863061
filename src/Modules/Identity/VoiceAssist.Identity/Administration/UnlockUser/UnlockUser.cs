using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Administration.UnlockUser;

internal sealed class UnlockUserValidator : AbstractValidator<Contracts.Administration.UnlockUser>
{
    public UnlockUserValidator() => RuleFor(r => r.Reason).OptionalReason();
}

/// <summary>Lifts the account's locks from every address and resets their failure counts
/// (<see cref="AccountLockout.Unlock"/>). An account neither locked nor with failures changes nothing.</summary>
internal sealed class UnlockUserHandler(AccountAdministration administration, AccountLockout lockout, TimeProvider time)
    : IRequestHandler<Contracts.Administration.UnlockUser, Unit>
{
    public async Task<Unit> Handle(Contracts.Administration.UnlockUser request, CancellationToken cancellationToken)
    {
        administration.Actor();
        var user = await administration.Load(request.UserId, cancellationToken);
        var locked = user.LockoutEnd is { } end && end > time.GetUtcNow();
        if (!locked && user.AccessFailedCount == 0)
        {
            return Unit.Value;
        }

        var before = new { lockedUntil = locked ? user.LockoutEnd : null, failedAttempts = user.AccessFailedCount };
        await lockout.Unlock(user, cancellationToken);
        administration.Record(AccountActions.Unlocked, user.Id, request.Reason, before, new { lockedUntil = (DateTimeOffset?)null, failedAttempts = 0 });
        return Unit.Value;
    }
}

internal sealed record UnlockUserBody(string? Reason);

/// <summary>The API's unlock, beside the console's: lifts every sign-in lock of the account.</summary>
internal static class UnlockUserEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/users/{id:guid}/unlock", async (Guid id, UnlockUserBody? body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new Contracts.Administration.UnlockUser(id, body?.Reason), ct);
                return Results.NoContent();
            })
            .WithName("UnlockUser")
            .RequireAuthorization(IdentityPolicies.AccountAdministrator);
}
