using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Integrations;

namespace VoiceAssist.Integrations.Tests.Accounts;

public sealed class LinkAccountTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    [Fact]
    public async Task A_linked_calendar_is_listed_for_its_owner_without_its_password_which_is_stored_encrypted()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var radicale = await LocalRadicale.Shared.CreateUser();

        var linked = await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new
        {
            kind = "calendar", serverUrl = radicale.CalendarUrl, userName = radicale.UserName, password = radicale.Password, timeZone = "Europe/London",
        });

        var body = await linked.Content.ReadAsStringAsync();
        linked.StatusCode.Should().Be(HttpStatusCode.Created, body);
        body.Should().NotContain(radicale.Password);
        var listed = await owner.Client.GetStringAsync(new Uri("/api/integrations/accounts", UriKind.Relative));
        listed.Should().NotContain(radicale.Password).And.Contain(radicale.UserName);
        var accounts = JsonDocument.Parse(listed).RootElement;
        accounts.GetArrayLength().Should().Be(1);
        accounts[0].GetProperty("kind").GetString().Should().Be("calendar");
        accounts[0].GetProperty("timeZone").GetString().Should().Be("Europe/London");
        accounts[0].TryGetProperty("password", out _).Should().BeFalse();
        accounts[0].TryGetProperty("secret", out _).Should().BeFalse();

        var stored = await StoredSecret(accounts[0].GetProperty("id").GetGuid());
        stored.Should().StartWith("pe1:").And.NotContain(radicale.Password);
    }

    [Fact]
    public async Task Linking_the_calendar_again_replaces_the_first_link()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var radicale = await LocalRadicale.Shared.CreateUser();
        foreach (var password in new[] { "first-password", radicale.Password })
        {
            (await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new
            {
                kind = "calendar", serverUrl = radicale.CalendarUrl, userName = radicale.UserName, password,
            })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var accounts = await owner.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts");
        accounts.GetArrayLength().Should().Be(1);
        accounts[0].GetProperty("timeZone").GetString().Should().Be("Europe/London", "the configured default when none is given");
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_removes_a_link_and_its_owner_does()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);
        var colleague = await factory.CreateSignedInUser(Roles.Clinician);
        var admin = await factory.CreateSignedInUser(Roles.Admin);
        var radicale = await LocalRadicale.Shared.CreateUser();
        var linked = await (await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new
        {
            kind = "calendar", serverUrl = radicale.CalendarUrl, userName = radicale.UserName, password = radicale.Password,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = linked.GetProperty("id").GetGuid();

        (await colleague.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts")).GetArrayLength().Should().Be(0);
        (await admin.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts")).EnumerateArray()
            .Should().NotContain(a => a.GetProperty("id").GetGuid() == id, "an administrator manages accounts, not their credentials");
        (await colleague.Client.DeleteAsync(new Uri($"/api/integrations/accounts/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.Client.DeleteAsync(new Uri($"/api/integrations/accounts/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await owner.Client.DeleteAsync(new Uri($"/api/integrations/accounts/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Only_an_administrator_links_a_shared_folder_and_every_administrator_sees_it()
    {
        var clinician = await factory.CreateSignedInUser(Roles.Clinician);
        var admin = await factory.CreateSignedInUser(Roles.Admin);
        var otherAdmin = await factory.CreateSignedInUser(Roles.Admin);
        var folder = new { kind = "files", scope = "shared", serverUrl = "http://127.0.0.1:8081/guidelines/", userName = "library", password = "library-pass" };

        (await clinician.Client.PostAsJsonAsync("/api/integrations/accounts", folder)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.Client.PostAsJsonAsync("/api/integrations/accounts", folder)).StatusCode.Should().Be(HttpStatusCode.Created);

        var seen = await otherAdmin.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts");
        seen.EnumerateArray().Should().ContainSingle(a => a.GetProperty("scope").GetString() == "shared");
        (await clinician.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts")).GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("calendar", "ftp://calendar.example.org/", null, "serverUrl")]
    [InlineData("calendar", "https://user:pw@calendar.example.org/", null, "serverUrl")]
    [InlineData("mail", "https://mail.example.org/", "smtps://mail.example.org", "serverUrl")]
    [InlineData("mail", "imaps://mail.example.org", null, "smtpUrl")]
    [InlineData("fax", "https://calendar.example.org/", null, "kind")]
    public async Task A_malformed_link_is_refused_beside_its_field_and_nothing_is_stored(string kind, string serverUrl, string? smtpUrl, string field)
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);

        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new { kind, serverUrl, smtpUrl, userName = "me", password = "pw" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(name => name.Equals(field, StringComparison.OrdinalIgnoreCase));
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/integrations/accounts")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_password_is_required_and_a_time_zone_must_exist()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);

        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new
        {
            kind = "calendar", serverUrl = "http://127.0.0.1:5232/me/calendar/", userName = "me", password = "", timeZone = "Mars/Olympus_Mons",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name.ToUpperInvariant()).Should().Contain(["PASSWORD", "TIMEZONE"]);
    }

    private async Task<string> StoredSecret(Guid id)
    {
        await using var dataSource = NpgsqlDataSource.Create(factory.DatabaseConnectionString);
        await using var command = dataSource.CreateCommand("SELECT secret FROM integrations.linked_accounts WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>With no network allowed, a link cannot point VoiceAssist at its own network (server-side request forgery),
/// and a public server must be reached over TLS.</summary>
public sealed class OutboundAddressTests(LockedDownFactory factory) : IClassFixture<LockedDownFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:5232/me/calendar/")]
    [InlineData("https://localhost/me/calendar/")]
    [InlineData("https://10.1.2.3/dav/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/dav/")]
    [InlineData("https://[::ffff:192.168.1.10]/dav/")]
    public async Task A_server_in_an_internal_network_is_refused_unless_allowed(string serverUrl)
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);

        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new { kind = "calendar", serverUrl, userName = "me", password = "pw" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Should().ContainSingle(e => e.Name.Equals("serverUrl", StringComparison.OrdinalIgnoreCase))
            .Which.Value[0].GetString().Should().Contain("internal address");
    }

    [Fact]
    public async Task A_public_server_without_tls_is_refused()
    {
        var owner = await factory.CreateSignedInUser(Roles.Clinician);

        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts", new { kind = "calendar", serverUrl = "http://93.184.215.14/dav/", userName = "me", password = "pw" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("must be reached over TLS");
    }

    [Fact]
    public void The_address_policy_refuses_internal_addresses_in_every_form()
    {
        var policy = factory.Services.GetRequiredService<Outbound.OutboundAddressPolicy>();

        foreach (var address in new[] { "127.0.0.1", "10.0.0.5", "172.31.255.1", "192.168.0.1", "100.64.1.1", "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1" })
        {
            policy.IsRefused(IPAddress.Parse(address)).Should().BeTrue(address);
        }

        foreach (var address in new[] { "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1" })
        {
            policy.IsRefused(IPAddress.Parse(address)).Should().BeFalse(address);
        }
    }
}
