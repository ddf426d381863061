using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tokens;

namespace VoiceAssist.Identity.Users.CreateFirstAdmin;

/// <summary>At start-up: loads the signing key (so a missing one stops the start, not the first sign-in) and, when
/// <c>Identity:Bootstrap:AdminEmail</c> and <c>AdminPassword</c> are set and no administrator exists, creates one.</summary>
internal sealed partial class FirstAdminBootstrap(
    IServiceProvider services, IOptions<BootstrapSettings> settings, ILogger<FirstAdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<SigningKeys>();
        var bootstrap = settings.Value;
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail))
        {
            return;
        }

        if (string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            LogNoPassword(logger);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var admin = await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new CreateFirstAdmin(bootstrap.AdminEmail, bootstrap.AdminDisplayName, bootstrap.AdminPassword), cancellationToken)
                .ConfigureAwait(false);
            LogCreated(logger, admin.Id);
        }
        catch (ConflictException)
        {
            // An administrator exists: the bootstrap settings have done their job and are ignored.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity:Bootstrap:AdminEmail is set without Identity:Bootstrap:AdminPassword; no administrator was created. Use --create-admin for an invitation instead.")]
    private static partial void LogNoPassword(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator {UserId} from Identity:Bootstrap; remove the bootstrap password from the configuration.")]
    private static partial void LogCreated(ILogger logger, Guid userId);
}
