using System.Net;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Users;

/// <summary>With <c>Identity:RequireAuthenticatedUser</c> on (the default outside Development and Testing), every
/// other module's endpoint needs a signed-in user; health checks, static files and unknown routes do not.</summary>
public sealed class AuthenticationRequiredTests(AuthenticationRequiredTests.Factory factory) : IClassFixture<AuthenticationRequiredTests.Factory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task Other_modules_endpoints_refuse_anonymous_callers_and_serve_signed_in_ones()
    {
        var viewer = await api.CreateUser("viewer");
        var signedIn = api.As((await api.SignIn(viewer.Email, viewer.Password)).AccessToken);

        (await api.Anonymous.GetAsync("/api/integrations/connectors")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Anonymous.GetAsync("/api/operations/outbox/backlog")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await signedIn.GetAsync("/api/integrations/connectors")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_checks_and_unknown_routes_stay_reachable_without_a_token()
    {
        (await api.Anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Anonymous.GetAsync("/api/does-not-exist")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public sealed class Factory : IdentityFactory
    {
        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["Identity:RequireAuthenticatedUser"] = "true" };
    }
}

/// <summary>With the switch off (Development and Testing today), other modules' endpoints stay open, as the rest of
/// the test suite expects, while Identity's own stay protected.</summary>
public sealed class AuthenticationOptionalTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Other_modules_endpoints_answer_anonymous_callers_but_identity_endpoints_do_not()
    {
        var client = factory.CreateClient();

        (await client.GetAsync("/api/integrations/connectors")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/identity/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/identity/me/sessions")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
