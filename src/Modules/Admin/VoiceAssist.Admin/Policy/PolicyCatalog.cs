using System.Globalization;

namespace VoiceAssist.Admin.Policy;

/// <summary>How a policy value is entered and stored.</summary>
internal enum PolicyUnit
{
    /// <summary>A whole number, stored as is.</summary>
    Count,

    /// <summary>Entered in minutes, stored as a TimeSpan.</summary>
    Minutes,

    /// <summary>Entered in hours, stored as a TimeSpan.</summary>
    Hours,

    /// <summary>Entered in days, stored as a TimeSpan.</summary>
    Days,

    /// <summary>On or off.</summary>
    Switch,
}

/// <summary>One value of the security policy: the configuration key it sets, the safe range an administrator may
/// choose from, and the default that applies while nobody has set it (the owning module's documented default).</summary>
internal sealed record PolicySetting(string Name, string Key, string Label, string Help, PolicyUnit Unit, int Min, int Max, int Default)
{
    /// <summary>The value as the configuration system reads it.</summary>
    public string ToConfiguration(int value) => Unit switch
    {
        PolicyUnit.Minutes => TimeSpan.FromMinutes(value).ToString("c", CultureInfo.InvariantCulture),
        PolicyUnit.Hours => TimeSpan.FromHours(value).ToString("c", CultureInfo.InvariantCulture),
        PolicyUnit.Days => TimeSpan.FromDays(value).ToString("c", CultureInfo.InvariantCulture),
        PolicyUnit.Switch => value == 0 ? "false" : "true",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A configured value in the unit the form shows; the default when unset or unreadable.</summary>
    public int FromConfiguration(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Default;
        }

        return Unit switch
        {
            PolicyUnit.Minutes when TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var span) => (int)Math.Round(span.TotalMinutes),
            PolicyUnit.Hours when TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var span) => (int)Math.Round(span.TotalHours),
            PolicyUnit.Days when TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var span) => (int)Math.Round(span.TotalDays),
            PolicyUnit.Switch when bool.TryParse(configured, out var on) => on ? 1 : 0,
            PolicyUnit.Count when int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) => count,
            _ => Default,
        };
    }

    public string UnitText => Unit switch
    {
        PolicyUnit.Minutes => "minutes",
        PolicyUnit.Hours => "hours",
        PolicyUnit.Days => "days",
        _ => "",
    };
}

/// <summary>The security policy the console edits. The ranges keep every choice safe: automatic logoff within an hour
/// (HIPAA §164.312(a)(2)(iii)), passwords of at least 12 characters (NIST SP 800-63B allows 8; the project's floor is
/// 12), audit entries kept at least 6 years (45 CFR 164.316(b)(2)(i)).</summary>
internal static class PolicyCatalog
{
    public static IReadOnlyList<PolicySetting> Settings { get; } =
    [
        new("passwordMinimumLength", "Identity:Passwords:MinimumLength", "Minimum password length", "Characters; 12 to 64. Applies to new and changed passwords.", PolicyUnit.Count, 12, 64, 12),
        new("mfaForAllRoles", "Identity:Mfa:RequiredForAllRoles", "Require MFA for clinicians and viewers too", "On unless turned off here (off only in Development and Testing). Administrators and auditors must always use MFA.", PolicyUnit.Switch, 0, 1, 1),
        new("sessionIdleTimeout", "Identity:Sessions:IdleTimeout", "Automatic logoff after inactivity", "Minutes; 2 to 60.", PolicyUnit.Minutes, 2, 60, 15),
        new("sessionAbsoluteLifetime", "Identity:Sessions:AbsoluteLifetime", "Longest sign-in session", "Hours; 1 to 24, however active.", PolicyUnit.Hours, 1, 24, 12),
        new("lockoutMaxFailedAttempts", "Identity:Lockout:MaxFailedAttempts", "Failed attempts before lockout", "From one address; 3 to 20.", PolicyUnit.Count, 3, 20, 5),
        new("lockoutDuration", "Identity:Lockout:Duration", "Lockout", "Minutes; 1 to 60. Locks sign-in from the address the failures came from only, never longer.", PolicyUnit.Minutes, 1, 60, 15),
        new("retentionConversations", "Compliance:Retention:Conversations", "Keep conversations (and their recordings)", "Days; 1 to 3650.", PolicyUnit.Days, 1, 3650, 90),
        new("retentionAudit", "Compliance:Retention:AuditEntries", "Keep audit entries", "Days; 2192 (6 years, the HIPAA minimum) to 3653.", PolicyUnit.Days, 2192, 3653, 2192),
        new("recordingEnabled", "Voice:Recording:Enabled", "Keep encrypted recordings of what clinicians say", "Off by default; recordings are kept with their conversation.", PolicyUnit.Switch, 0, 1, 0),
    ];

    public static PolicySetting? Find(string name) => Settings.FirstOrDefault(s => s.Name == name);
}
