using VoiceAssist.Testing.Browsers;

namespace VoiceAssist.Admin.Tests.Support;

/// <summary>The real host on a loopback port with sign-in enforced everywhere, as in production: the console is only
/// ever reached through the page's cookie session.</summary>
public class ConsoleHost : LiveHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:RequireAuthenticatedUser"] = "true",
    };
}
