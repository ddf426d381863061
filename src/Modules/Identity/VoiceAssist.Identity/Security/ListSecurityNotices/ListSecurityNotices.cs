using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Security.ListSecurityNotices;

/// <summary>What happened to the caller's own account that they should know of, newest first: for now each lock of
/// sign-in from an address after failed attempts, with that address and when the lock ends.</summary>
internal sealed record ListSecurityNotices(Guid UserId) : IQuery<IReadOnlyList<SecurityNoticeSummary>>;

internal sealed record SecurityNoticeSummary(Guid Id, string Kind, string? ClientAddress, DateTimeOffset OccurredAt, DateTimeOffset? Until);

internal sealed class ListSecurityNoticesHandler(IdentityDbContext db) : IRequestHandler<ListSecurityNotices, IReadOnlyList<SecurityNoticeSummary>>
{
    private const int Shown = 50;

    public async Task<IReadOnlyList<SecurityNoticeSummary>> Handle(ListSecurityNotices request, CancellationToken cancellationToken) =>
        await db.SecurityNotices.AsNoTracking()
            .Where(n => n.UserId == request.UserId)
            .OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id)
            .Take(Shown)
            .Select(n => new SecurityNoticeSummary(n.Id, n.Kind, n.ClientAddress, n.OccurredAt, n.Until))
            .ToListAsync(cancellationToken);
}

internal static class ListSecurityNoticesEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapGet("/me/security-notices", (ICurrentUser caller, ISender sender, CancellationToken ct) =>
                sender.Send(new ListSecurityNotices(caller.UserId!.Value), ct))
            .WithName(nameof(ListSecurityNotices))
            .RequireAuthorization(Policies.SignedIn);
}
