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
