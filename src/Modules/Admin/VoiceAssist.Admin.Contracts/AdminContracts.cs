namespace VoiceAssist.Admin.Contracts;

/// <summary>The console's route prefix; other modules link into it by this constant.</summary>
public static class AdminRoutes
{
    public const string ApiPrefix = "/api/admin";
}
