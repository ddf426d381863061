using System.Net;
using System.Net.Sockets;

namespace VoiceAssist.Testing.Browsers;

/// <summary>The real host listening on a loopback port of its own (Kestrel, not the in-memory test server), for a
/// browser to load pages and open sockets against.</summary>
public class LiveHost : VoiceAssistFactory
{
    private readonly Lazy<Uri> root;

    public LiveHost()
    {
        var port = FreePort();
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        root = new Lazy<Uri>(() =>
        {
            StartServer();
            return new Uri($"http://127.0.0.1:{port}/");
        });
    }

    /// <summary>The address of the running host; the first use starts it.</summary>
    public Uri Root => root.Value;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
