using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;

namespace VoiceAssist.Identity.Sessions.ListSessions;

/// <summary>The caller's active sessions, newest first, marking the one this request belongs to.</summary>
internal sealed record ListSessions(Guid UserId, Guid CurrentSessionId) : IQuery<IReadOnlyList<SessionSummary>>;

/// <summary>One session: <see cref="Kind"/> is <c>page</c> for a browser's cookie session (with its idle deadline) or
/// <c>token</c> for an API client's refresh token family.</summary>
internal sealed record SessionSummary(
    Guid Id, string Kind, DateTimeOffset CreatedAt, DateTimeOffset LastRefreshedAt, DateTimeOffset ExpiresAt, DateTimeOffset? IdleExpiresAt,
    string AuthenticationMethods, string? UserAgent, string? IpAddress, bool Current);

internal sealed class ListSessionsHandler(IdentityDbContext db, TimeProvider time) : IRequestHandler<ListSessions, IReadOnlyList<SessionSummary>>
{
    public async Task<IReadOnlyList<SessionSummary>> Handle(ListSessions request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Sessions.AsNoTracking()
            .Where(Session.ActiveAt(now))
            .Where(s => s.UserId == request.UserId)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionSummary(s.Id, s.Kind, s.CreatedAt, s.LastRefreshedAt, s.ExpiresAt, s.IdleExpiresAt, s.AuthenticationMethods, s.UserAgent, s.IpAddress, s.Id == request.CurrentSessionId))
            .ToListAsync(cancellationToken);
    }
}

internal static class ListSessionsEndpoint
{
    public static void Map(RouteGroupBuilder identity) =>
        identity.MapGet("/me/sessions", (ICurrentUser caller, ISender sender, CancellationToken ct) =>
                sender.Send(new ListSessions(caller.UserId!.Value, caller.SessionId!.Value), ct))
            .WithName(nameof(ListSessions))
            .RequireAuthorization(Policies.SignedIn);
}
