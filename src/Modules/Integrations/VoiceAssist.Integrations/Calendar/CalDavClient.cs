using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Polly.CircuitBreaker;
using Polly.Timeout;
using VoiceAssist.Integrations.Contracts.Calendar;
using VoiceAssist.Integrations.Outbound;

namespace VoiceAssist.Integrations.Calendar;

/// <summary>Where a user's calendar collection is and the credentials to reach it.</summary>
internal sealed record CalendarConnection(Uri CalendarUrl, string UserName, string Password);

/// <summary>One stored calendar object (one UID: a single event or a series with its overrides, or a task).</summary>
internal sealed record CalendarObject(Uri Href, string? ETag, string Data);

/// <summary>CalDAV (RFC 4791) over the module's outbound client: <c>REPORT calendar-query</c> with a time range,
/// <c>GET</c>, <c>PUT</c> with <c>If-None-Match</c>/<c>If-Match</c>, <c>DELETE</c> with <c>If-Match</c>. Failures
/// become <see cref="CalendarServerException"/> with a message for the user.</summary>
internal sealed class CalDavClient(IHttpClientFactory clients, OutboundAddressPolicy policy)
{
    private static readonly XNamespace Dav = "DAV:";
    private static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";

    /// <summary>Objects holding a <paramref name="component"/> (VEVENT, VTODO); with a range, only those the server
    /// says overlap it (recurring ones included), else all of them.</summary>
    public async Task<IReadOnlyList<CalendarObject>> Query(CalendarConnection connection, string component, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var range = from is { } start && to is { } end ? $"<C:time-range start=\"{Utc(start)}\" end=\"{Utc(end)}\"/>" : string.Empty;
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>
              <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="{component}">{range}</C:comp-filter></C:comp-filter></C:filter>
            </C:calendar-query>
            """;
        using var request = new HttpRequestMessage(new HttpMethod("REPORT"), connection.CalendarUrl) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        request.Headers.Add("Depth", "1");
        using var response = await Send(connection, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            throw new CalendarServerException(CalendarStatuses.Unavailable, "There is no calendar at the linked address; link the calendar's own address (its CalDAV link) in Settings.");
        }

        if (response.StatusCode != HttpStatusCode.MultiStatus)
        {
            throw Failure(response.StatusCode);
        }

        XDocument xml;
        try
        {
            xml = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (System.Xml.XmlException)
        {
            throw new CalendarServerException(CalendarStatuses.Unavailable, "Your calendar server sent an answer that could not be read; nothing was changed.");
        }

        return [.. xml.Descendants(Dav + "response")
            .Select(r => (Href: r.Element(Dav + "href")?.Value, Prop: r.Descendants(Dav + "prop").FirstOrDefault(p => p.Element(CalDav + "calendar-data") is not null)))
            .Where(r => r.Href is not null && r.Prop is not null)
            .Select(r => new CalendarObject(new Uri(connection.CalendarUrl, r.Href), r.Prop!.Element(Dav + "getetag")?.Value, r.Prop.Element(CalDav + "calendar-data")!.Value))];
    }

    public async Task<CalendarObject> Get(CalendarConnection connection, Uri href, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        using var response = await Send(connection, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response.StatusCode);
        }

        return new CalendarObject(href, response.Headers.ETag?.ToString(), await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stores an object: a new one only if nothing is at <paramref name="href"/> yet, an existing one only if
    /// it is still the version read (<paramref name="etag"/>), so a change made meanwhile elsewhere is never lost.</summary>
    public async Task Put(CalendarConnection connection, Uri href, string icalendar, string? etag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, href) { Content = new StringContent(icalendar, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/calendar") { CharSet = "utf-8" };
        Precondition(request, etag);
        using var response = await Send(connection, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response.StatusCode);
        }
    }

    public async Task Delete(CalendarConnection connection, Uri href, string? etag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, href);
        Precondition(request, etag);
        using var response = await Send(connection, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response.StatusCode);
        }
    }

    private static void Precondition(HttpRequestMessage request, string? etag)
    {
        if (etag is null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
    }

    private async Task<HttpResponseMessage> Send(CalendarConnection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        if (target.GetLeftPart(UriPartial.Authority) != connection.CalendarUrl.GetLeftPart(UriPartial.Authority))
        {
            throw new CalendarServerException(CalendarStatuses.Unavailable, "Your calendar server pointed at another server; VoiceAssist only talks to the one you linked.");
        }

        try
        {
            // Checked here as well as when connecting, so a refused address is reported at once and never retried.
            await policy.Resolve(target.IdnHost, target.Scheme == Uri.UriSchemeHttps, cancellationToken).ConfigureAwait(false);
        }
        catch (OutboundRefusedException refused)
        {
            throw new CalendarServerException(CalendarStatuses.Unavailable, refused.Message);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.UserName}:{connection.Password}")));
        try
        {
            return await clients.CreateClient(LinkedServers.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var certificate = e is HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException };
            throw new CalendarServerException(CalendarStatuses.Unavailable, certificate
                ? $"The certificate of {target.Host} is not trusted, so VoiceAssist did not connect; nothing was changed."
                : $"Your calendar server at {target.Host} can't be reached right now; nothing was changed.");
        }
    }

    private static CalendarServerException Failure(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CalendarServerException(CalendarStatuses.Unauthorized,
            "Your calendar server refused the user name or app password. Link the calendar again in Settings with a new app password."),
        HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.Gone => new CalendarServerException(CalendarStatuses.Gone,
            "That event changed or was removed on the calendar server since I read it; nothing was changed. Ask again to see it as it is now."),
        _ => new CalendarServerException(CalendarStatuses.Unavailable,
            $"Your calendar server answered with an error ({(int)status}); nothing was changed."),
    };

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A calendar server failure with its status (<see cref="CalendarStatuses"/>) and a message for the user.</summary>
internal sealed class CalendarServerException(string status, string message) : Exception(message)
{
    public string Status { get; } = status;
}
