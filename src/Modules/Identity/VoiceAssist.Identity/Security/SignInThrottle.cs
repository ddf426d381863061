namespace VoiceAssist.Identity.Security;

/// <summary>Failed attempts against one account from one client address, and the lock they earned. The lock is
/// bounded (<see cref="LockoutSettings.Duration"/>) and the count starts again when it ends, so guesses from one address
/// cannot keep the account locked for anyone else, nor lengthen their own lock.</summary>
internal sealed class SignInThrottle
{
    public required Guid UserId { get; init; }

    public required string ClientAddress { get; init; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>Something about their own account a user should know of, shown to them in their security list: for now,
/// that sign-in from an address was locked after failed attempts.</summary>
internal sealed class SecurityNotice
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required string Kind { get; init; }

    public string? ClientAddress { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? Until { get; init; }
}

/// <summary>The kinds of <see cref="SecurityNotice"/>.</summary>
internal static class SecurityNoticeKind
{
    public const string SignInLocked = "sign_in_locked";
}
