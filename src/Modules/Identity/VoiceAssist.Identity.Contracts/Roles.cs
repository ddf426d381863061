namespace VoiceAssist.Identity.Contracts;

/// <summary>The roles a VoiceAssist account can hold.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Clinician = "clinician";
    public const string Viewer = "viewer";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Clinician, Viewer, Auditor];
}
