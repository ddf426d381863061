namespace VoiceAssist.Authorization.Tests.Matrix;

/// <summary>Who calls an endpoint about an object: the object's owner, another user of the owner's role, a user of
/// each other role, or nobody signed in.</summary>
public enum Caller
{
    Owner,
    SameRole,
    Admin,
    Clinician,
    Viewer,
    Auditor,
    Anonymous,
}

internal static class Callers
{
    public static string? RoleOf(Caller caller) => caller switch
    {
        Caller.Admin => VoiceAssist.Identity.Contracts.Roles.Admin,
        Caller.Clinician => VoiceAssist.Identity.Contracts.Roles.Clinician,
        Caller.Viewer => VoiceAssist.Identity.Contracts.Roles.Viewer,
        Caller.Auditor => VoiceAssist.Identity.Contracts.Roles.Auditor,
        _ => null,
    };

    /// <summary>The callers an endpoint is tried with: a role caller of the owner's own role is the same-role caller.</summary>
    public static IEnumerable<Caller> For(string ownerRole) =>
        Enum.GetValues<Caller>().Where(caller => RoleOf(caller) != ownerRole);
}
