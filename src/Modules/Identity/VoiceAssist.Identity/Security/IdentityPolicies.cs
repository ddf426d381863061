namespace VoiceAssist.Identity.Security;

/// <summary>Policies only the Identity module's own endpoints use.</summary>
internal static class IdentityPolicies
{
    /// <summary>The admin role, with no development-user exception: account management is never open anonymously.</summary>
    public const string AccountAdministrator = "identity:account-admin";
}
