using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An administrator ends an account's lockout and resets its failed sign-in counter.</summary>
public sealed record UnlockUser(Guid UserId, string? Reason = null) : ICommand<Unit>;
