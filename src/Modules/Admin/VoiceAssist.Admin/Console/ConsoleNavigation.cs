
namespace VoiceAssist.Admin.Console;

/// <summary>The console's sections, in the order the navigation shows them, with the roles that may open each.</summary>
internal static class ConsoleNavigation
{
    public sealed record Section(string Title, string Path, IReadOnlyList<string> Roles);

    private static readonly string[] AdministratorsOnly = [Identity.Contracts.Roles.Admin];
    private static readonly string[] AuditReaders = [Identity.Contracts.Roles.Admin, Identity.Contracts.Roles.Auditor];

    public static IReadOnlyList<Section> Sections { get; } =
    [
        new("Dashboard", "/admin", AdministratorsOnly),
        new("Users", "/admin/users", AdministratorsOnly),
        new("Knowledge base", "/admin/knowledge", AdministratorsOnly),
        new("Audit log", "/admin/audit", AuditReaders),
        new("Usage and cost", "/admin/usage", AdministratorsOnly),
        new("Models and engines", "/admin/models", AdministratorsOnly),
        new("Security policy", "/admin/policy", AdministratorsOnly),
        new("Integrations", "/admin/integrations", AdministratorsOnly),
    ];

    public static IEnumerable<Section> For(System.Security.Claims.ClaimsPrincipal user) =>
        Sections.Where(section => section.Roles.Any(user.IsInRole));

    /// <summary>The section the path belongs to: the longest section path it starts with.</summary>
    public static bool IsCurrent(Section section, string path) =>
        section.Path == "/admin"
            ? path.TrimEnd('/').Equals("/admin", StringComparison.OrdinalIgnoreCase)
            : path.StartsWith(section.Path, StringComparison.OrdinalIgnoreCase);
}
