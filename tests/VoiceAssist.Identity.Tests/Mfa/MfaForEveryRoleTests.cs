using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Mfa;

/// <summary>ASVS 5.0 6.3.3: in Production every role must use MFA unless an administrator turns it off with the
/// console's switch (<c>Identity:Mfa:RequiredForAllRoles</c>); an account without an authenticator is sent to enrol
/// one at its next sign-in.</summary>
public sealed class MfaForEveryRoleTests(MfaForEveryRoleTests.ProductionFactory factory) : IClassFixture<MfaForEveryRoleTests.ProductionFactory>
{
    private const string Switch = "Identity:Mfa:RequiredForAllRoles";

    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task In_production_a_clinician_and_a_viewer_enrol_before_any_session_unless_the_switch_is_off_and_enrol_at_the_next_sign_in_once_it_is_on()
    {
        var clinician = await api.CreateUser("clinician");
        (await Status(clinician)).Should().Be("mfa_enrollment_required", "MFA is required for every role by default in Production");
        var viewer = await api.CreateUser("viewer");
        (await Status(viewer)).Should().Be("mfa_enrollment_required");

        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        try
        {
            configuration[Switch] = "false";
            (await Status(viewer)).Should().Be("signed_in", "the administrator turned the requirement off for clinicians and viewers");
            var admin = await api.CreateUser("admin");
            (await Status(admin)).Should().Be("mfa_enrollment_required", "administrators always need MFA");

            configuration[Switch] = "true";
            (await Status(viewer)).Should().Be("mfa_enrollment_required", "an account without an authenticator enrols at its next sign-in");
            var tokens = await api.SignIn(viewer.Email, viewer.Password);
            tokens.AccessToken.Should().NotBeNullOrEmpty();
            (await Status(viewer)).Should().Be("mfa_required", "from now on the viewer signs in with a code");
        }
        finally
        {
            configuration[Switch] = null;
        }
    }

    private async Task<string?> Status(TestUser user)
    {
        var response = await api.PostPassword(user.Email, user.Password);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
    }

    /// <summary>The host as it runs in Production, with only the keys Production requires set.</summary>
    public sealed class ProductionFactory : IdentityFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Identity:Mfa:SecretEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Compliance:Encryption:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
