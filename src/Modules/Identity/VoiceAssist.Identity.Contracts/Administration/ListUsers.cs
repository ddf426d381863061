using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Identity.Contracts.Administration;

/// <summary>An account's state as the console shows it. <see cref="Disabled"/> wins over <see cref="Locked"/>, which
/// wins over <see cref="Invited"/>.</summary>
public static class UserStatus
{
    /// <summary>Can sign in.</summary>
    public const string Active = "active";

    /// <summary>Has an invitation not yet accepted and no password.</summary>
    public const string Invited = "invited";

    /// <summary>Turned off by an administrator: no sign-in by any path until enabled again.</summary>
    public const string Disabled = "disabled";

    /// <summary>Locked for a while after repeated failed sign-ins.</summary>
    public const string Locked = "locked";

    public static readonly IReadOnlyList<string> All = [Active, Invited, Disabled, Locked];
}

/// <summary>How <see cref="ListUsers"/> orders its rows; every order ends with the account id, so pages are stable.</summary>
public static class UserSort
{
    /// <summary>By email address, A to Z (the default).</summary>
    public const string Email = "email";

    /// <summary>By display name, A to Z.</summary>
    public const string Name = "name";

    /// <summary>Newest account first.</summary>
    public const string Created = "created";

    /// <summary>Most recent sign-in first; never signed in last.</summary>
    public const string LastSignIn = "last_sign_in";

    public static readonly IReadOnlyList<string> All = [Email, Name, Created, LastSignIn];
}

/// <summary>One page of accounts for an administrator. <paramref name="Search"/> matches part of the email address or
/// display name, ignoring case; <paramref name="Role"/> and <paramref name="Status"/> filter exactly.</summary>
public sealed record ListUsers(string? Search = null, string? Role = null, string? Status = null, string? Sort = null, int Page = 1, int PageSize = 50)
    : IQuery<UserPage>
{
    public const int MaxPageSize = 200;
}

/// <summary>The accounts of one page, and how many match in all.</summary>
public sealed record UserPage(IReadOnlyList<UserRow> Users, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>One account in the list. <paramref name="MfaEnabled"/> is true when an authenticator app is confirmed.</summary>
public sealed record UserRow(
    Guid Id, string Email, string DisplayName, string Role, string Status, bool MfaEnabled, DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt);
