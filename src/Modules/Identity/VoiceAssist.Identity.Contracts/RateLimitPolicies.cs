namespace VoiceAssist.Identity.Contracts;

/// <summary>Rate-limiting policy names the Identity module registers; other modules put them on their endpoints with
/// <c>RequireRateLimiting(RateLimitPolicies.Expensive)</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>Endpoints that cost real work (a conversation turn, a knowledge answer): limited per signed-in user and
    /// per client address (<c>Identity:RateLimits:ExpensivePerMinutePerUser</c> and <c>...PerIp</c>), shared across
    /// replicas through Redis.</summary>
    public const string Expensive = "identity:expensive";
}
