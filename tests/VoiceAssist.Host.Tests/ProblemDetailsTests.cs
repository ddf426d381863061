using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Host.Tests;

public sealed class ProblemDetailsTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Invalid_fields_come_back_as_400_problem_details_naming_each_field()
    {
        var admin = await factory.CreateClientSignedInAs("admin");
        var response = await admin.PostAsJsonAsync("/api/identity/users", new { email = "not-an-email", displayName = "", role = "superuser" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(400);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("email", out _).Should().BeTrue();
        errors.TryGetProperty("displayName", out _).Should().BeTrue();
        errors.GetProperty("role")[0].GetString().Should().Contain("admin, clinician, viewer, auditor");
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_details()
    {
        var response = await client.GetAsync("/api/does-not-exist");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task Missing_resource_is_404_problem_details()
    {
        var response = await client.GetAsync($"/api/knowledge/documents/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Not found.");
    }

    [Fact]
    public async Task Malformed_json_is_400_without_a_stack_trace()
    {
        using var body = new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/knowledge/documents", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain(" at ").And.NotContain("Exception").And.NotContain(".cs:line");
    }

    [Fact]
    public async Task Duplicate_account_is_409_conflict()
    {
        var admin = await factory.CreateClientSignedInAs("admin");
        var user = new { email = "dr.who@example.org", displayName = "Dr Who", role = "clinician" };
        (await admin.PostAsJsonAsync("/api/identity/users", user)).StatusCode.Should().Be(HttpStatusCode.Created);

        var again = await admin.PostAsJsonAsync("/api/identity/users", user with { });

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Every_response_carries_a_correlation_id_and_echoes_a_supplied_one()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-Id", "ward-7-request-42");

        var response = await client.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Should().ContainSingle().Which.Should().Be("ward-7-request-42");
    }
}
