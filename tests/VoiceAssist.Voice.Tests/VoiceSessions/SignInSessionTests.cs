using System.Net;
using Npgsql;
using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.VoiceSessions;

/// <summary>A voice socket lasts only as long as the sign-in session whose access token opened it: signing out,
/// an administrator's kill or a session ended on another replica closes it with 4401 after a <c>session_ended</c>
/// message, and the same token cannot open it again.</summary>
public sealed class SignInSessionTests
{
    private const int SessionEndedCloseCode = 4401;

    /// <summary>Periodic checks are an hour apart here, so a socket that closes within seconds was closed by the
    /// session's end being seen on this replica.</summary>
    public sealed class OnThisReplica(OnThisReplica.Factory factory) : IClassFixture<OnThisReplica.Factory>
    {
        [Fact]
        public async Task Signing_out_closes_the_socket_at_once_and_its_token_cannot_reopen_it()
        {
            var clinician = await factory.CreateSignedInUser("clinician");
            var token = clinician.Client.DefaultRequestHeaders.Authorization!.Parameter!;
            await using var voice = await VoiceSocket.Connect(factory, token);
            await voice.Start();

            (await clinician.Client.PostAsync("/api/identity/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

            var ended = await voice.Next("session_ended", timeoutSeconds: 20);
            ended.GetProperty("reason").GetString().Should().Be("signed_out");
            await voice.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            voice.CloseCode.Should().Be(SessionEndedCloseCode);

            var reopen = () => VoiceSocket.Connect(factory, token);
            await reopen.Should().ThrowAsync<InvalidOperationException>("the handshake is refused (401) for a token of an ended session");
        }

        [Fact]
        public async Task An_administrators_kill_closes_every_socket_of_the_user_and_no_one_elses()
        {
            var clinician = await factory.CreateSignedInUser("clinician");
            var colleague = await factory.CreateSignedInUser("clinician");
            var admin = await factory.CreateSignedInUser("admin");
            await using var first = await VoiceSocket.Connect(factory, clinician.Client.DefaultRequestHeaders.Authorization!.Parameter);
            await using var second = await VoiceSocket.Connect(factory, clinician.Client.DefaultRequestHeaders.Authorization!.Parameter);
            await using var other = await VoiceSocket.Connect(factory, colleague.Client.DefaultRequestHeaders.Authorization!.Parameter);
            await first.Start();
            await second.Start();
            await other.Start();

            (await admin.Client.DeleteAsync($"/api/identity/users/{clinician.Id}/sessions")).IsSuccessStatusCode.Should().BeTrue();

            foreach (var socket in new[] { first, second })
            {
                (await socket.Next("session_ended", timeoutSeconds: 20)).GetProperty("reason").GetString().Should().Be("revoked_by_admin");
                await socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));
                socket.CloseCode.Should().Be(SessionEndedCloseCode);
            }

            await other.Send(new { type = "ping" });
            await other.Next("pong");
            other.Received.Should().NotContain(r => r.Type == "session_ended");
        }

        public sealed class Factory : VoiceAssistFactory
        {
            protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
            {
                ["Identity:RequireAuthenticatedUser"] = "true",
                ["Voice:Session:SignInCheckSeconds"] = "3600",
            };
        }
    }

    /// <summary>A session ended where this replica did not see it (another replica, or its deadline passing with no
    /// request to notice) is found by the socket's periodic check.</summary>
    public sealed class OnAnotherReplica(OnAnotherReplica.Factory factory) : IClassFixture<OnAnotherReplica.Factory>
    {
        [Fact]
        public async Task The_periodic_check_closes_the_socket_of_a_session_ended_elsewhere()
        {
            var clinician = await factory.CreateSignedInUser("clinician");
            await using var voice = await VoiceSocket.Connect(factory, clinician.Client.DefaultRequestHeaders.Authorization!.Parameter);
            await voice.Start();

            // Revoked in the database only, with no event this replica could see.
            await using (var connection = new NpgsqlConnection(factory.DatabaseConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("UPDATE identity.sessions SET revoked_at = now(), revoked_reason = 'revoked_by_admin' WHERE id = @id", connection);
                command.Parameters.AddWithValue("id", clinician.SessionId);
                (await command.ExecuteNonQueryAsync()).Should().Be(1);
            }

            var ended = await voice.Next("session_ended", timeoutSeconds: 15);
            ended.GetProperty("reason").GetString().Should().Be("ended");
            await voice.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            voice.CloseCode.Should().Be(SessionEndedCloseCode);
        }

        [Fact]
        public async Task A_socket_whose_session_is_in_force_stays_open_across_checks()
        {
            var clinician = await factory.CreateSignedInUser("clinician");
            await using var voice = await VoiceSocket.Connect(factory, clinician.Client.DefaultRequestHeaders.Authorization!.Parameter);
            await voice.Start();

            await Task.Delay(TimeSpan.FromSeconds(3.5));
            await voice.Send(new { type = "ping" });
            await voice.Next("pong");
            voice.Received.Should().NotContain(r => r.Type == "session_ended");
            voice.Closed.IsCompleted.Should().BeFalse();
        }

        public sealed class Factory : VoiceAssistFactory
        {
            protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
            {
                ["Identity:RequireAuthenticatedUser"] = "true",
                ["Voice:Session:SignInCheckSeconds"] = "1",
            };
        }
    }
}
