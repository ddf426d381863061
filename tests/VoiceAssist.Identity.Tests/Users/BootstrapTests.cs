using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Tests.Support;
using VoiceAssist.Identity.Users.CreateFirstAdmin;

namespace VoiceAssist.Identity.Tests.Users;

/// <summary>Only the bootstrap administrator exists in this class's database.</summary>
public sealed class BootstrapTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task The_configured_first_admin_exists_and_must_enroll_MFA_before_getting_a_token()
    {
        var response = await api.PostPassword(IdentityFactory.AdminEmail, IdentityFactory.AdminPassword);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().BeOneOf("mfa_enrollment_required", "mfa_required");
    }

    [Fact]
    public async Task A_second_first_admin_is_refused_once_an_admin_exists()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var second = () => sender.Send(new CreateFirstAdmin("intruder@hospital.example", "Intruder", Password: null));

        await second.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_demoted()
    {
        var admin = api.As((await api.SignInAdmin()).AccessToken);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/identity/me");

        var demote = await admin.PutAsJsonAsync($"/api/identity/users/{me.GetProperty("id").GetGuid()}/role", new { role = "viewer" });

        demote.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}

/// <summary>A fresh installation with no bootstrap settings: the console command's path.</summary>
public sealed class FirstAdminByInvitationTests(FirstAdminByInvitationTests.Factory factory) : IClassFixture<FirstAdminByInvitationTests.Factory>
{
    [Fact]
    public async Task The_first_admin_created_without_a_password_gets_an_invitation_and_must_enroll_MFA()
    {
        _ = factory.Server;
        FirstAdmin admin;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            admin = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateFirstAdmin("chief@hospital.example", "Chief", Password: null));
        }

        admin.InvitationToken.Should().NotBeNullOrEmpty();
        var api = new IdentityApi(factory);
        (await api.PostPassword("chief@hospital.example", "")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "there is no default password");
        (await api.Anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token = admin.InvitationToken, password = "chief's own long passphrase" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        var signIn = await (await api.PostPassword("chief@hospital.example", "chief's own long passphrase")).Content.ReadFromJsonAsync<JsonElement>();
        signIn.GetProperty("status").GetString().Should().Be("mfa_enrollment_required");
    }

    public sealed class Factory : IdentityFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Identity:Bootstrap:AdminEmail"] = "",
            ["Identity:Bootstrap:AdminPassword"] = "",
        };
    }
}
