using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Nextcloud;

/// <summary>The host pointed at Nextcloud's OCS provisioning API, served on loopback from recorded responses.</summary>
public sealed class NextcloudFactory : IdentityFactory
{
    public NextcloudFactory()
    {
        Nextcloud = RecordedNextcloud.Start().GetAwaiter().GetResult();
    }

    public RecordedNextcloud Nextcloud { get; }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Identity:Nextcloud:BaseUrl"] = Nextcloud.BaseUrl,
        ["Identity:Nextcloud:UserName"] = RecordedNextcloud.UserName,
        ["Identity:Nextcloud:AppPassword"] = RecordedNextcloud.AppPassword,
        ["Identity:Nextcloud:GroupRoles:clinicians"] = "clinician",
        ["Identity:Nextcloud:GroupRoles:voiceassist-admins"] = "admin",
        ["Identity:Nextcloud:GroupRoles:auditors"] = "auditor",
    };

    public override async ValueTask DisposeAsync()
    {
        await Nextcloud.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class NextcloudSyncTests(NextcloudFactory factory) : IClassFixture<NextcloudFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task Users_in_mapped_groups_become_accounts_with_the_mapped_role_and_a_later_group_change_changes_the_role()
    {
        var admin = api.As((await api.SignInAdmin()).AccessToken);

        var first = await Sync(admin);

        first.GetProperty("created").GetInt32().Should().Be(2);
        first.GetProperty("skipped").GetInt32().Should().Be(2, "carol is in no mapped group and dave is disabled with no account here");
        (await RoleOf("alice.adams@hospital.example")).Should().Be("clinician");
        (await RoleOf("bob.baker@hospital.example")).Should().Be("admin", "the most privileged mapped group wins");
        (await RoleOf("carol.clark@hospital.example")).Should().BeNull();
        (await RoleOf("dave.dunn@hospital.example")).Should().BeNull();

        var again = await Sync(admin);
        again.GetProperty("created").GetInt32().Should().Be(0);
        again.GetProperty("unchanged").GetInt32().Should().Be(2);

        factory.Nextcloud.UserFiles["alice"] = "user-alice-moved";
        var moved = await Sync(admin);
        moved.GetProperty("roleChanged").GetInt32().Should().Be(1);
        (await RoleOf("alice.adams@hospital.example")).Should().Be("auditor");

        factory.Nextcloud.Requests.Should().NotBeEmpty();
        factory.Nextcloud.Requests.Should().OnlyContain(r =>
            r.OcsHeader == "true"
            && r.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RecordedNextcloud.UserName}:{RecordedNextcloud.AppPassword}"))
            && r.PathAndQuery.StartsWith("/ocs/v1.php/cloud/users", StringComparison.Ordinal)
            && r.PathAndQuery.EndsWith("?format=json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_an_administrator_may_run_the_sync()
    {
        var clinician = await api.CreateUser("clinician");
        var signedIn = api.As((await api.SignIn(clinician.Email, clinician.Password)).AccessToken);

        (await signedIn.PostAsync("/api/identity/nextcloud/sync", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.Anonymous.PostAsync("/api/identity/nextcloud/sync", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonElement> Sync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/identity/nextcloud/sync", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<string?> RoleOf(string email)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT role FROM identity.users WHERE normalized_email = upper(@email)", connection);
        command.Parameters.AddWithValue("email", email);
        return (string?)await command.ExecuteScalarAsync();
    }
}
