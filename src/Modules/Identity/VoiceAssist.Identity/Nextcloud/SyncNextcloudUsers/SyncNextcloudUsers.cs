using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.Users;
using VoiceAssist.Identity.Users.ChangeRole;
using VoiceAssist.Identity.Users.CreateUser;

namespace VoiceAssist.Identity.Nextcloud.SyncNextcloudUsers;

/// <summary>Brings accounts in line with Nextcloud: a Nextcloud user in a group mapped to a role
/// (<c>Identity:Nextcloud:GroupRoles</c>) gets an account with that role (matched by email; the most privileged
/// mapped group wins), a changed mapping changes the role (which ends the user's sessions), and a user disabled in
/// Nextcloud has their sessions ended. Users without an email or a mapped group are left alone. New accounts have
/// no password: their invitation token is not sent anywhere, so they sign in through single sign-on.</summary>
internal sealed record SyncNextcloudUsers(Guid ActorId) : ICommand<NextcloudSyncResult>;

internal sealed record NextcloudSyncResult(int Created, int RoleChanged, int Disabled, int Unchanged, int Skipped);

internal sealed class SyncNextcloudUsersHandler(
    IdentityDbContext db, OcsUserDirectory directory, IOptions<NextcloudSettings> options, SessionTokens sessions, ISender sender)
    : IRequestHandler<SyncNextcloudUsers, NextcloudSyncResult>
{
    private static readonly string[] Precedence = [Roles.Admin, Roles.Auditor, Roles.Clinician, Roles.Viewer];

    public async Task<NextcloudSyncResult> Handle(SyncNextcloudUsers request, CancellationToken cancellationToken)
    {
        int created = 0, changed = 0, disabled = 0, unchanged = 0, skipped = 0;
        foreach (var id in await directory.ListUserIds(cancellationToken))
        {
            var remote = await directory.GetUser(id, cancellationToken);
            var role = RoleOf(remote);
            if (remote.Email is null || role is null)
            {
                skipped++;
                continue;
            }

            var normalized = UserQueries.NormalizeEmail(remote.Email);
            var local = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
            if (!remote.Enabled)
            {
                if (local is not null && await sessions.RevokeAll(local.Id, RevocationReason.RevokedByAdmin, request.ActorId, except: null, cancellationToken) > 0)
                {
                    disabled++;
                }
                else
                {
                    skipped++;
                }
            }
            else if (local is null)
            {
                await sender.Send(new CreateUser(remote.Email, remote.DisplayName ?? remote.Id, role), cancellationToken);
                created++;
            }
            else if (local.Role != role)
            {
                try
                {
                    await sender.Send(new ChangeRole(local.Id, role, request.ActorId), cancellationToken);
                    changed++;
                }
                catch (ConflictException)
                {
                    // The last administrator keeps the role, whatever Nextcloud says.
                    skipped++;
                }
            }
            else
            {
                unchanged++;
            }
        }

        return new NextcloudSyncResult(created, changed, disabled, unchanged, skipped);
    }

    private string? RoleOf(NextcloudUser user)
    {
        var mapped = user.Groups.Select(group => options.Value.GroupRoles.GetValueOrDefault(group)).Where(role => role is not null).ToHashSet();
        return Precedence.FirstOrDefault(mapped.Contains);
    }
}

internal static class SyncNextcloudUsersEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapPost("/nextcloud/sync", async (ICurrentUser caller, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SyncNextcloudUsers(caller.UserId!.Value), ct)))
            .WithName(nameof(SyncNextcloudUsers))
            .RequireAuthorization(IdentityPolicies.AccountAdministrator);
}
