using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Administration;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users.CreateUser;

namespace VoiceAssist.Identity.Users.ChangeRole;

/// <summary>An administrator changes an account's role through the API. The account's sessions end, so no token keeps
/// the old role; an administrator cannot demote themselves, nor the last active administrator be demoted.</summary>
internal sealed record ChangeRole(Guid UserId, string Role, Guid ActorId) : ICommand<Unit>;

internal sealed record ChangeRoleBody(string Role);

internal sealed class ChangeRoleValidator : AbstractValidator<ChangeRole>
{
    public ChangeRoleValidator() => RuleFor(r => r.Role).AccountRole();
}

internal sealed class ChangeRoleHandler(AccountAdministration administration, RoleChange roles) : IRequestHandler<ChangeRole, Unit>
{
    public async Task<Unit> Handle(ChangeRole request, CancellationToken cancellationToken)
    {
        var user = await administration.Load(request.UserId, cancellationToken);
        await roles.Change(user, request.Role, request.ActorId, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The one way an administrator changes a role, from the API or the console: refused for their own account and
/// for the last active administrator, <see cref="UserRoleChanged"/> recorded, and the account's sessions ended.</summary>
internal sealed class RoleChange(IdentityDbContext db, AccountAdministration administration, SessionTokens sessions, TimeProvider time)
{
    /// <summary>The role before the change, or null when the account already had the role (nothing changes).</summary>
    public async Task<string?> Change(User user, string role, Guid actorId, CancellationToken cancellationToken)
    {
        if (user.Role == role)
        {
            return null;
        }

        await administration.RefuseSelfOrLastAdministrator(user, actorId, "change the role of", cancellationToken);
        var oldRole = user.Role;
        user.Role = role;
        db.AddIntegrationEvent(new UserRoleChanged(Guid.CreateVersion7(), time.GetUtcNow(), user.Id, oldRole, role, actorId));
        await sessions.RevokeAll(user.Id, RevocationReason.RoleChanged, actorId, except: null, cancellationToken);
        return oldRole;
    }
}

internal static class ChangeRoleEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPut("/users/{id:guid}/role", async (Guid id, ChangeRoleBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new ChangeRole(id, body.Role, caller.UserId!.Value), ct);
            return Results.NoContent();
        })
        .WithName(nameof(ChangeRole))
        .RequireAuthorization(IdentityPolicies.AccountAdministrator)
        .ProducesValidationProblem();
}
