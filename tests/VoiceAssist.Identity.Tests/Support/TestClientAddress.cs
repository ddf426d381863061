using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace VoiceAssist.Identity.Tests.Support;

/// <summary>The in-memory test server gives every request the same (no) client address; a test that plays clients at
/// different addresses names the address in <see cref="Header"/>, which this sets as the connection's remote address
/// before anything else sees the request. Registered by the test factory only, never by the host.</summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
