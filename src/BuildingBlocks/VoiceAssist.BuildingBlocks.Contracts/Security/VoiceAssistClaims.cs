namespace VoiceAssist.BuildingBlocks.Contracts.Security;

/// <summary>The claim types of a VoiceAssist access token, as they appear in the token (no inbound mapping).</summary>
public static class VoiceAssistClaims
{
    /// <summary>The account id, a GUID.</summary>
    public const string Subject = "sub";

    /// <summary>The sign-in session id, a GUID; revoking the session invalidates every token carrying it.</summary>
    public const string SessionId = "sid";

    /// <summary>One claim per role.</summary>
    public const string Role = "role";

    /// <summary>How the user authenticated: <c>pwd</c>, plus <c>otp</c> for a TOTP code or <c>rec</c> for a recovery code (RFC 8176).</summary>
    public const string AuthenticationMethods = "amr";

    /// <summary>The display name, for greeting only: never an authorization input.</summary>
    public const string Name = "name";
}
