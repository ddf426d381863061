using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>What deleting the account would do with each kind of the user's data, for the console to state before the
/// administrator confirms; <see cref="OffboardUser"/> answers with the same list, as done.</summary>
public sealed record DescribeOffboarding(Guid UserId) : IQuery<OffboardingPlan>;

/// <summary>An administrator deletes an account (a departing employee), for a stated reason. Its sessions end at
/// once, its credentials and the account itself are deleted, <see cref="UserOffboarded"/> is published, and the audit
/// trail keeps every entry about it. Refused (conflict) for the administrator's own account and for the last active
/// administrator.</summary>
public sealed record OffboardUser(Guid UserId, string Reason) : ICommand<OffboardingPlan>;

/// <summary>The account and, for each kind of its data, what happens to it.</summary>
public sealed record OffboardingPlan(Guid UserId, string Email, string DisplayName, string Role, IReadOnlyList<OffboardingConsequence> Consequences);

/// <summary>One kind of data (<paramref name="Data"/>), how much of it there is (<paramref name="Count"/>, null when
/// this module cannot count it), and what happens to it (<paramref name="Outcome"/>: <c>deleted</c>, <c>ended</c>,
/// <c>kept</c>), explained in <paramref name="Detail"/>.</summary>
public sealed record OffboardingConsequence(string Data, int? Count, string Outcome, string Detail);

/// <summary>What <see cref="OffboardingConsequence.Outcome"/> can be.</summary>
public static class OffboardingOutcome
{
    public const string Deleted = "deleted";
    public const string Ended = "ended";
    public const string Kept = "kept";
}

/// <summary>An account was deleted by an administrator. Modules holding data owned by the user id (conversations,
/// recordings, patient documents) receive it; the id is never given to another account.</summary>
public sealed record UserOffboarded(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, Guid ActorId) : IIntegrationEvent;
