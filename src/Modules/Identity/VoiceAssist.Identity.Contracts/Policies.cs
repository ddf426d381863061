namespace VoiceAssist.Identity.Contracts;

/// <summary>Authorization policy names the Identity module registers; other modules put them on their endpoints with
/// <c>RequireAuthorization(Policies.Clinician)</c>. A signed-in caller is always held to the role. While
/// <c>Identity:RequireAuthenticatedUser</c> is off (Development, Testing) an anonymous caller passes the role policies
/// as the development user; <see cref="SignedIn"/> never lets an anonymous caller through.</summary>
public static class Policies
{
    /// <summary>Any signed-in account, whatever its role.</summary>
    public const string SignedIn = "identity:signed-in";

    /// <summary>The <c>admin</c> role.</summary>
    public const string Admin = "identity:admin";

    /// <summary>The <c>clinician</c> role (admins are not implicitly clinicians).</summary>
    public const string Clinician = "identity:clinician";

    /// <summary>The <c>auditor</c> role.</summary>
    public const string Auditor = "identity:auditor";

    /// <summary>Read access: <c>viewer</c>, <c>clinician</c> or <c>admin</c>.</summary>
    public const string Viewer = "identity:viewer";
}
