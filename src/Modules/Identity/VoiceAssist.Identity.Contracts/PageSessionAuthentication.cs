namespace VoiceAssist.Identity.Contracts;

/// <summary>The authentication scheme that signs a browser in from the page's cookie session (the one the voice page
/// signs in to), for server-rendered pages such as the admin console: same sign-in, MFA, idle and absolute timeouts and
/// logoff. The principal carries the access token's claims (<c>sub</c>, <c>sid</c>, <c>role</c>, <c>amr</c>, <c>name</c>).
/// A request with the <see cref="BackgroundRequestHeader"/> header (a page refreshing itself) does not count as user
/// activity, so an unattended page still times out.</summary>
public static class PageSessionAuthentication
{
    public const string Scheme = "page-session";

    public const string BackgroundRequestHeader = "X-Background-Refresh";
}
