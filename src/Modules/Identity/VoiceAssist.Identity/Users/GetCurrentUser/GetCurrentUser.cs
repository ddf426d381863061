using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Users.GetCurrentUser;

/// <summary>Who is calling: the account behind the access token.</summary>
internal sealed record GetCurrentUser(Guid UserId) : IQuery<CurrentUser>;

internal sealed record CurrentUser(Guid Id, string Email, string DisplayName, string Role, bool MfaEnabled, bool MfaRequired);

internal sealed class GetCurrentUserHandler(IdentityDbContext db, IOptionsSnapshot<MfaSettings> mfa) : IRequestHandler<GetCurrentUser, CurrentUser>
{
    public async Task<CurrentUser> Handle(GetCurrentUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken)
            ?? throw new NotFoundException("User", request.UserId);
        return new CurrentUser(user.Id, user.Email!, user.DisplayName, user.Role, user.TwoFactorEnabled, user.RequiresMfa(mfa.Value));
    }
}
