using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

/// <summary>Administrators and auditors read the trail; nobody changes it through the application.</summary>
public sealed class AuditReadersTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    [Fact]
    public void The_trail_has_no_endpoint_that_changes_it()
    {
        _ = factory.Server;
        var audit = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/compliance/audit", StringComparison.Ordinal) == true).ToList();

        audit.Select(e => e.RoutePattern.RawText).Should().Contain(["/api/compliance/audit", "/api/compliance/audit/{id:long}", "/api/compliance/audit/export", "/api/compliance/audit/verify"]);
        audit.SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            .Should().OnlyContain(method => method == "GET");
    }

    [Theory]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    [InlineData(Roles.Auditor, HttpStatusCode.OK)]
    [InlineData(Roles.Clinician, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Viewer, HttpStatusCode.Forbidden)]
    public async Task Only_administrators_and_auditors_read_the_trail(string role, HttpStatusCode expected)
    {
        var client = await factory.CreateClientSignedInAs(role);

        foreach (var path in new[] { "/api/compliance/audit?pageSize=1", "/api/compliance/audit/export?format=json&action=none.such", "/api/compliance/audit/verify" })
        {
            (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.Should().Be(expected, path);
        }
    }
}
