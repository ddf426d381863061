using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

namespace VoiceAssist.Identity.Users.ChangeRole;

/// <summary>An administrator changes an account's role. The account's sessions end, so no token keeps the old role;
/// the last administrator cannot be demoted.</summary>
internal sealed record ChangeRole(Guid UserId, string Role, Guid ActorId) : ICommand<Unit>;

internal sealed record ChangeRoleBody(string Role);

internal sealed class ChangeRoleValidator : AbstractValidator<ChangeRole>
{
    public ChangeRoleValidator() =>
        RuleFor(r => r.Role).NotEmpty().Must(role => Roles.All.Contains(role))
            .WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
}

internal sealed class ChangeRoleHandler(IdentityDbContext db, SessionTokens sessions, TimeProvider time) : IRequestHandler<ChangeRole, Unit>
{
    public async Task<Unit> Handle(ChangeRole request, CancellationToken cancellationToken)
    {
        var user = await db.ForUpdate(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        if (user.Role == request.Role)
        {
            return Unit.Value;
        }

        if (user.Role == Roles.Admin && !await db.Users.AnyAsync(u => u.Role == Roles.Admin && u.Id != user.Id, cancellationToken))
        {
            throw new ConflictException("The last administrator cannot lose the admin role.");
        }

        var oldRole = user.Role;
        user.Role = request.Role;
        db.AddIntegrationEvent(new UserRoleChanged(Guid.CreateVersion7(), time.GetUtcNow(), user.Id, oldRole, request.Role, request.ActorId));
        await sessions.RevokeAll(user.Id, RevocationReason.RoleChanged, request.ActorId, except: null, cancellationToken);
        return Unit.Value;
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
