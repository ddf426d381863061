using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Administration.ListUsers;

internal sealed class ListUsersValidator : AbstractValidator<Contracts.Administration.ListUsers>
{
    public ListUsersValidator()
    {
        RuleFor(q => q.Search).MaximumLength(200);
        RuleFor(q => q.Role).Must(role => role is null || Roles.All.Contains(role))
            .WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(q => q.Status).Must(status => status is null || UserStatus.All.Contains(status))
            .WithMessage($"Status must be one of: {string.Join(", ", UserStatus.All)}.");
        RuleFor(q => q.Sort).Must(sort => sort is null || UserSort.All.Contains(sort))
            .WithMessage($"Sort must be one of: {string.Join(", ", UserSort.All)}.");
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Contracts.Administration.ListUsers.MaxPageSize);
    }
}

/// <summary>Filters in the database, counts the matches, and reads one page in a stable order (every order ends with
/// the id). Email order walks the unique email index; the other orders have their own (created, name, last sign-in).</summary>
internal sealed class ListUsersHandler(IdentityDbContext db, AccountAdministration administration, TimeProvider time)
    : IRequestHandler<Contracts.Administration.ListUsers, UserPage>
{
    public async Task<UserPage> Handle(Contracts.Administration.ListUsers request, CancellationToken cancellationToken)
    {
        administration.Actor();
        var now = time.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + EscapeLike(request.Search.Trim()) + "%";
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"));
        }

        if (request.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        users = request.Status switch
        {
            UserStatus.Disabled => users.Where(u => u.DisabledAt != null),
            UserStatus.Locked => users.Where(u => u.DisabledAt == null && u.LockoutEnabled && u.LockoutEnd > now),
            UserStatus.Invited => users.Where(u => u.DisabledAt == null && !(u.LockoutEnabled && u.LockoutEnd > now)
                && u.PasswordHash == null && db.Invitations.Any(i => i.UserId == u.Id && i.AcceptedAt == null)),
            UserStatus.Active => users.Where(u => u.DisabledAt == null && !(u.LockoutEnabled && u.LockoutEnd > now)
                && !(u.PasswordHash == null && db.Invitations.Any(i => i.UserId == u.Id && i.AcceptedAt == null))),
            _ => users,
        };

        var total = await users.CountAsync(cancellationToken);
        var ordered = request.Sort switch
        {
            UserSort.Name => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            UserSort.Created => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
            UserSort.LastSignIn => users.OrderBy(u => u.LastSignInAt == null).ThenByDescending(u => u.LastSignInAt).ThenBy(u => u.Id),
            _ => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
        };
        var rows = await ordered
            .Skip((request.Page - 1) * request.PageSize)
            .Take(request.PageSize)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.Role,
                Disabled = u.DisabledAt != null,
                Locked = u.LockoutEnabled && u.LockoutEnd > now,
                Invited = u.PasswordHash == null && db.Invitations.Any(i => i.UserId == u.Id && i.AcceptedAt == null),
                u.TwoFactorEnabled,
                u.LastSignInAt,
                u.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        return new UserPage(
            [.. rows.Select(r => new UserRow(r.Id, r.Email!, r.DisplayName, r.Role, AccountStatus.Of(r.Disabled, r.Locked, r.Invited), r.TwoFactorEnabled, r.LastSignInAt, r.CreatedAt))],
            request.Page,
            request.PageSize,
            total);
    }

    /// <summary>The search text taken literally: LIKE's wildcards and its escape character lose their meaning.</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
