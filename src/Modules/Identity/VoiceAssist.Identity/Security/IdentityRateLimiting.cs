using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Identity.Security;

/// <summary>Rate limits on the endpoints that accept secrets and on expensive ones, counted in Redis so every replica
/// shares them: per client address on sign-in, MFA and refresh; per account on sign-in (so spreading guesses over
/// many addresses does not help); per user on account changes; per user and per address on expensive endpoints.</summary>
internal static class IdentityRateLimiting
{
    public const string SignInPolicy = "identity-sign-in";
    public const string RefreshPolicy = "identity-refresh";
    public const string AccountChangesPolicy = "identity-account-changes";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void AddIdentityRateLimits(this IServiceCollection services, IdentityRateLimits limits)
    {
        services.AddSingleton<SharedRateLimiter>();
        services.AddSingleton<AccountSignInThrottle>(provider =>
            new AccountSignInThrottle(provider.GetRequiredService<SharedRateLimiter>(), limits.SignInPerMinutePerAccount, limits.KeyHashSecret));
        services.Configure<RateLimiterOptions>(options =>
        {
            options.AddPolicy(SignInPolicy, context => Shared(context, new RateLimitKey("sign-in:ip:" + ClientAddress(context), limits.SignInPerMinutePerIp)));
            options.AddPolicy(RefreshPolicy, context => Shared(context, new RateLimitKey("refresh:ip:" + ClientAddress(context), limits.RefreshPerMinutePerIp)));
            options.AddPolicy(AccountChangesPolicy, context =>
                Shared(context, new RateLimitKey("account-changes:" + UserOrAddress(context), limits.AccountChangesPerMinutePerUser)));
            options.AddPolicy(RateLimitPolicies.Expensive, context => Shared(
                context,
                new RateLimitKey("expensive:" + UserOrAddress(context), limits.ExpensivePerMinutePerUser),
                new RateLimitKey("expensive:ip:" + ClientAddress(context), limits.ExpensivePerMinutePerIp)));
            var rejected = options.OnRejected;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    context.HttpContext.Response.Headers.RetryAfter = RetryAfterHeader.Seconds(wait);
                }

                if (rejected is not null)
                {
                    await rejected(context, cancellationToken).ConfigureAwait(false);
                }
            };
        });
    }

    private static RateLimitPartition<string> Shared(HttpContext context, params RateLimitKey[] keys) =>
        RateLimitPartition.Get(
            string.Join('|', keys.Select(k => k.Key)),
            _ => new SharedWindowLimiter(context.RequestServices.GetRequiredService<SharedRateLimiter>(), keys, Window));

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserOrAddress(HttpContext context) =>
        context.User.FindFirst(VoiceAssistClaims.Subject)?.Value is { } subject ? "user:" + subject : "ip:" + ClientAddress(context);
}

/// <summary>Sign-in attempts per account (by normalized email, existing or not), whatever address they come from. The
/// counter's Redis key carries an HMAC-SHA256 of the email, never the email itself: whoever reads Redis learns neither
/// who signs in nor which addresses were tried.</summary>
internal sealed class AccountSignInThrottle(SharedRateLimiter limiter, int permitsPerMinute, string? keyHashSecret)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly byte[] hashKey = SHA256.HashData(Encoding.UTF8.GetBytes("voiceassist:sign-in:account:" + keyHashSecret));

    /// <summary>Counts one attempt; when the account is over its limit, sets <c>Retry-After</c> on the response and
    /// returns false.</summary>
    public async Task<bool> TryAcquire(string normalizedEmail, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var decision = await limiter.Hit([new RateLimitKey(Key(normalizedEmail), permitsPerMinute)], Window).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            response.Headers.RetryAfter = RetryAfterHeader.Seconds(decision.RetryAfter);
        }

        return decision.Allowed;
    }

    /// <summary>The counter's key (without the configured prefix).</summary>
    public string Key(string normalizedEmail) =>
        "sign-in:account:" + Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(normalizedEmail ?? "")));
}
