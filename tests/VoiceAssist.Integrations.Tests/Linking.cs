using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Integrations.Tests;

internal static class Linking
{
    /// <summary>Links a calendar for the user through the API, as the page's settings do.</summary>
    public static async Task<Guid> LinkCalendar(this SignedInUser user, string calendarUrl, string userName, string password, string timeZone = "Europe/London")
    {
        var response = await user.Client.PostAsJsonAsync("/api/integrations/accounts", new { kind = "calendar", serverUrl = calendarUrl, userName, password, timeZone });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
