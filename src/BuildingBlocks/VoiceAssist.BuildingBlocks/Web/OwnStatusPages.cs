using Microsoft.AspNetCore.Http;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Marks a request whose error statuses a module renders itself (the admin console shows an HTML page for
/// 403 or 404), so the API's problem-details status pages leave its empty error responses alone.</summary>
public static class OwnStatusPages
{
    private static readonly object Key = new();

    public static void Claim(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = true;
    }

    public static bool IsClaimed(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.ContainsKey(Key);
    }
}
