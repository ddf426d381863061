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
