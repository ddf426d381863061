using Microsoft.Extensions.Configuration;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.Users.GetCurrentUser;

/// <summary>Who is calling. Until sign-in exists every request is the configured development user.</summary>
internal sealed record GetCurrentUser : IQuery<CurrentUser>;

internal sealed record CurrentUser(string Id, string DisplayName, string Role, bool IsDevelopmentUser);

internal sealed class GetCurrentUserHandler(IConfiguration configuration) : IRequestHandler<GetCurrentUser, CurrentUser>
{
    public Task<CurrentUser> Handle(GetCurrentUser request, CancellationToken cancellationToken) =>
        Task.FromResult(new CurrentUser(
            configuration["Identity:DevelopmentUser:Id"] ?? "development-user",
            configuration["Identity:DevelopmentUser:DisplayName"] ?? "Development Clinician",
            configuration["Identity:DevelopmentUser:Role"] ?? Roles.Clinician,
            IsDevelopmentUser: true));
}
