namespace VoiceAssist.BuildingBlocks.Contracts.Security;

/// <summary>Who is making the current request, as proven by its access token. Modules depend on this, never on the
/// Identity module's implementation or on raw claims.</summary>
public interface ICurrentUser
{
    /// <summary>True when the request carried a valid access token for a live session.</summary>
    bool IsAuthenticated { get; }

    /// <summary>The account id (the token's <c>sub</c>); null when anonymous.</summary>
    Guid? UserId { get; }

    /// <summary>The sign-in session the token belongs to (the token's <c>sid</c>); null when anonymous.</summary>
    Guid? SessionId { get; }

    /// <summary>The account's roles (see <c>VoiceAssist.Identity.Contracts.Roles</c>); empty when anonymous.</summary>
    IReadOnlyList<string> Roles { get; }

    bool IsInRole(string role);
}
