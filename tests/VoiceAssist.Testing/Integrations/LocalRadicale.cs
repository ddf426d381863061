using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace VoiceAssist.Testing.Integrations;

/// <summary>A real CalDAV server (Debian's <c>radicale</c>) on a free loopback port, with plain htpasswd users and
/// its collections in a temporary folder. One per test run (<see cref="Shared"/>); each test takes its own user.</summary>
public sealed class LocalRadicale : IDisposable
{
    private static readonly Lazy<LocalRadicale> LazyShared = new(() => new LocalRadicale());
    private readonly string folder;
    private readonly string users;
    private readonly object gate = new();
    private Process? process;

    public LocalRadicale()
    {
        folder = LocalProcess.NewTempDirectory("radicale");
        users = Path.Combine(folder, "users");
        File.WriteAllText(users, string.Empty);
        Port = LocalProcess.FreePort();
        var config = Path.Combine(folder, "config");
        File.WriteAllText(config, $"""
            [server]
            hosts = 127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}
            [auth]
            type = htpasswd
            htpasswd_filename = {users}
            htpasswd_encryption = plain
            delay = 0
            [storage]
            filesystem_folder = {Path.Combine(folder, "collections")}
            [rights]
            type = owner_only
            [logging]
            level = warning
            """);
        ConfigPath = config;
        Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static LocalRadicale Shared => LazyShared.Value;

    public int Port { get; }

    public string ConfigPath { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>A new user with a calendar (events and tasks) at <c>/{user}/calendar/</c>; returns its URL.</summary>
    public async Task<RadicaleUser> CreateUser(string prefix = "clinician")
    {
        var user = $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];
        var password = $"app-{Guid.NewGuid():N}";
        lock (gate)
        {
            File.AppendAllText(users, $"{user}:{password}\n");
        }

        var account = new RadicaleUser(this, user, password, $"{BaseUrl}{user}/calendar/");
        using var client = account.Client();
        using var request = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), account.CalendarUrl)
        {
            Content = new StringContent("""
                <?xml version="1.0" encoding="utf-8"?>
                <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:set><D:prop>
                    <D:displayname>Work</D:displayname>
                    <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>
                  </D:prop></D:set>
                </C:mkcalendar>
                """, Encoding.UTF8, "application/xml"),
        };
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"MKCALENDAR failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return account;
    }

    public void Start()
    {
        // Through a watchdog that stops Radicale when the test process is gone, however it ended: a test host that is
        // killed never runs its exit handlers, and the server would outlive it.
        process = Process.Start(new ProcessStartInfo("bash")
        {
            ArgumentList =
            {
                "-c", "radicale --config \"$1\" & server=$!; while kill -0 \"$2\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; kill $server 2>/dev/null",
                "radicale-watchdog", ConfigPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start radicale: install the radicale package (./scripts/test.sh does).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LocalProcess.WaitUntilListening(Port, "radicale");
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the machine's temp cleaner.
        }
    }
}

/// <summary>A Radicale user and their calendar, with a client that writes to it directly (to arrange a test).</summary>
public sealed record RadicaleUser(LocalRadicale Server, string UserName, string Password, string CalendarUrl)
{
    public HttpClient Client()
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        return client;
    }

    /// <summary>Stores one calendar object (VEVENT or VTODO text) as <c>{name}.ics</c>.</summary>
    public async Task Put(string name, string icalendar)
    {
        using var client = Client();
        using var response = await client.PutAsync(new Uri($"{CalendarUrl}{name}.ics"), new StringContent(icalendar.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/calendar"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The stored objects' text, to see what VoiceAssist wrote.</summary>
    public async Task<string> Get(string href)
    {
        using var client = Client();
        return await client.GetStringAsync(new Uri(new Uri(CalendarUrl), href));
    }

    /// <summary>The names of every object in the calendar.</summary>
    public async Task<IReadOnlyList<string>> List()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), CalendarUrl) { Content = new StringContent("<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>", Encoding.UTF8, "application/xml") };
        request.Headers.Add("Depth", "1");
        using var response = await client.SendAsync(request);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Descendants(System.Xml.Linq.XName.Get("href", "DAV:")).Select(h => h.Value).Where(h => h.EndsWith(".ics", StringComparison.Ordinal))];
    }
}
