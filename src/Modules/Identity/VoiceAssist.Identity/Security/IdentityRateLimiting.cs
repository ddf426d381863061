using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Security;

namespace VoiceAssist.Identity.Security;

/// <summary>Rate limits on the endpoints that accept secrets: per client address on sign-in and refresh, per
/// account on sign-in (so spreading guesses over many addresses does not help), per user on account changes.
/// Counters live in this process; sharing them across replicas through Redis is not done yet.</summary>
internal static class IdentityRateLimiting
{
    public const string SignInPolicy = "identity-sign-in";
    public const string RefreshPolicy = "identity-refresh";
    public const string AccountChangesPolicy = "identity-account-changes";

    public static void AddIdentityRateLimits(this IServiceCollection services, IdentityRateLimits limits)
    {
        services.Configure<RateLimiterOptions>(options =>
        {
            options.AddPolicy(SignInPolicy, context => PerMinute("ip:" + ClientAddress(context), limits.SignInPerMinutePerIp));
            options.AddPolicy(RefreshPolicy, context => PerMinute("ip:" + ClientAddress(context), limits.RefreshPerMinutePerIp));
            options.AddPolicy(AccountChangesPolicy, context =>
                PerMinute(context.User.FindFirst(VoiceAssistClaims.Subject)?.Value is { } subject ? "user:" + subject : "ip:" + ClientAddress(context),
                    limits.AccountChangesPerMinutePerUser));
        });
        services.AddSingleton(new AccountSignInThrottle(limits.SignInPerMinutePerAccount));
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
}

/// <summary>Sign-in attempts per account (by normalized email, existing or not), whatever address they come from.</summary>
internal sealed class AccountSignInThrottle(int permitsPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1) }));

    public bool TryAcquire(string normalizedEmail)
    {
        using var lease = limiter.AttemptAcquire(normalizedEmail);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
