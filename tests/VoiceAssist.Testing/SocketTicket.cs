using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VoiceAssist.Testing;

/// <summary>How a test opens the voice socket as a signed-in user, as the page does: it asks for a single-use socket
/// ticket with the access token, then opens <c>/api/voice/ws?ticket=...</c>.</summary>
public static class SocketTicket
{
    /// <summary>A fresh ticket for the access token; throws <see cref="InvalidOperationException"/> naming the status
    /// when the host refuses one (the token's session ended, for instance).</summary>
    public static async Task<string> Ask<T>(WebApplicationFactory<T> factory, string accessToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.PostAsync(new Uri("/api/identity/socket-tickets", UriKind.Relative), null);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The socket ticket was refused with status code {(int)response.StatusCode}.");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
    }

    /// <summary>The socket's address with the ticket, or without one (an anonymous caller, or Development's user).</summary>
    public static Uri SocketUri(string? ticket) =>
        new(ticket is null ? "ws://localhost/api/voice/ws" : $"ws://localhost/api/voice/ws?ticket={Uri.EscapeDataString(ticket)}");
}
