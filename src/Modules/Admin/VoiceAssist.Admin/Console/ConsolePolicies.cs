using Microsoft.AspNetCore.Authorization;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Admin.Console;

/// <summary>Who may open which part of the console. Both need a browser signed in through the page's cookie session
/// (<see cref="PageSessionAuthentication.Scheme"/>): no bearer token, and no anonymous development user, ever.</summary>
internal static class ConsolePolicies
{
    /// <summary>Administrators: every page.</summary>
    public const string Administrator = "admin:console:administrator";

    /// <summary>Administrators and auditors: the audit pages, read-only.</summary>
    public const string AuditReader = "admin:console:audit-reader";

    public static void Add(AuthorizationBuilder authorization)
    {
        authorization.AddPolicy(Administrator, policy => policy
            .AddAuthenticationSchemes(PageSessionAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Admin));
        authorization.AddPolicy(AuditReader, policy => policy
            .AddAuthenticationSchemes(PageSessionAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Admin, Roles.Auditor));
    }
}
