using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An administrator gives an account another role, for a stated reason. The account's sessions end, so no
/// token keeps the old role. Refused (conflict) for the administrator's own account and for the last active
/// administrator.</summary>
public sealed record ChangeUserRole(Guid UserId, string Role, string Reason) : ICommand<Unit>;
