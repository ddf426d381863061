using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests.Platform;

public sealed class ApiDocumentationTests(ApiDocumentationTests.DevelopmentFactory factory) : IClassFixture<ApiDocumentationTests.DevelopmentFactory>
{
    [Fact]
    public async Task Development_serves_the_OpenAPI_document_with_every_module_and_the_Swagger_UI()
    {
        var client = factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/knowledge/documents", "/api/identity/users", "/api/conversations", "/api/integrations/connectors",
            "/api/admin/knowledge-base", "/api/compliance/audit"]);
        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public sealed class DevelopmentFactory : VoiceAssistFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}

/// <summary>Outside Development the OpenAPI document is served to administrators only, and there is no Swagger UI.</summary>
public sealed class ProductionApiDocumentationTests(ProductionApiDocumentationTests.SignInRequired factory) : IClassFixture<ProductionApiDocumentationTests.SignInRequired>
{
    [Fact]
    public async Task The_OpenAPI_document_is_for_administrators_and_there_is_no_Swagger_UI()
    {
        var anonymous = factory.CreateClient();
        var clinician = await factory.CreateClientSignedInAs("clinician");
        var admin = await factory.CreateClientSignedInAs("admin");

        (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await clinician.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var document = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain("/api/conversations");
        (await admin.GetAsync(new Uri("/swagger/index.html", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public sealed class SignInRequired : VoiceAssistFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Identity:RequireAuthenticatedUser"] = "true" };
    }
}
