using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

public sealed class ExportAuditTrailTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private static async Task Seed(VoiceAssistFactory factory, string action, int count, string firstResourceId = "r-1") =>
        await AuditChainFixture.Execute(factory, $"""
            INSERT INTO compliance.audit_entries (occurred_at, action, resource_type, resource_id, actor_id, source_event_id)
            SELECT now() - (i || ' seconds')::interval, '{action}', 'document',
                   CASE WHEN i = 1 THEN '{firstResourceId.Replace("'", "''", StringComparison.Ordinal)}' ELSE 'r-' || i END,
                   'actor-' || (i % 3), gen_random_uuid()
              FROM generate_series(1, {count}) i
            """);

    [Fact]
    public async Task A_csv_export_streams_every_matching_entry_in_chain_order_and_neutralises_formulas()
    {
        await Seed(factory, "test.csv", 25, firstResourceId: "=HYPERLINK(\"http://attacker.example\",\"x\")");
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);

        var response = await auditor.GetAsync(new Uri("/api/compliance/audit/export?format=csv&action=test.csv", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("id,chain_sequence,occurred_at,action,resource_type,resource_id,actor_id");
        lines.Should().HaveCount(26);
        lines.Skip(1).Select(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        lines.Should().Contain(l => l.Contains("\"'=HYPERLINK(\"\"http://attacker.example\"\",\"\"x\"\")\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_export_applies_the_same_filters_as_search()
    {
        await Seed(factory, "test.json", 12);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);

        var exported = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit/export?format=json&action=test.json&actorId=actor-1");
        var searched = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=test.json&actorId=actor-1&pageSize=500");

        exported.GetArrayLength().Should().Be(4, "entries 1, 4, 7 and 10 of 12 have actor-1");
        exported.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order()
            .Should().Equal(searched.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order());
        exported.EnumerateArray().Should().OnlyContain(e => e.GetProperty("actorId").GetString() == "actor-1");
    }

    [Fact]
    public async Task Searching_and_exporting_are_themselves_recorded_with_the_auditor_and_the_filters()
    {
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var correlationId = "audit-export-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/compliance/audit/export?format=json&resourceId=patient-42");
        request.Headers.Add("X-Correlation-Id", correlationId);
        (await auditor.SendAsync(request)).EnsureSuccessStatusCode();

        var recorded = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=compliance.audit.exported");
        var export = recorded.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("correlationId").GetString() == correlationId);
        export.GetProperty("resourceId").GetString().Should().Be("json:resource=patient-42");
        export.GetProperty("actorRole").GetString().Should().Be(Roles.Auditor);
        export.GetProperty("outcome").GetString().Should().Be("succeeded");
        Guid.TryParse(export.GetProperty("actorId").GetString(), out _).Should().BeTrue();

        var searches = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=compliance.audit.searched");
        searches.GetProperty("entries").EnumerateArray().Should().Contain(e => e.GetProperty("resourceId").GetString() == "action=compliance.audit.exported");
    }

    [Fact]
    public async Task A_console_export_writes_the_matching_entries_to_the_stream_it_is_given()
    {
        var prefix = AuditReading.UniqueActionPrefix();
        await AuditReading.Seed(factory, prefix, 40, DateTimeOffset.UtcNow);
        var filter = new AuditFilter(Action: prefix + "*", Outcome: "failed", CorrelationId: prefix + "corr-1");
        using var csv = new MemoryStream();
        using var json = new MemoryStream();

        var csvResult = await factory.SendAs(Roles.Admin, new ExportAuditTrail(filter, AuditExportFormats.Csv, csv));
        var jsonResult = await factory.SendAs(Roles.Auditor, new ExportAuditTrail(filter, AuditExportFormats.Json, json));

        // Odd i with i % 5 == 1 in 1..40: 1, 11, 21, 31.
        csvResult.Entries.Should().Be(4);
        jsonResult.Entries.Should().Be(4);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(5);
        lines.Skip(1).Should().OnlyContain(l => l.Contains(",failed," + prefix + "corr-1,", StringComparison.Ordinal));
        var exported = JsonDocument.Parse(json.ToArray()).RootElement;
        exported.EnumerateArray().Select(e => e.GetProperty("chainSequence").GetInt64()).Should().HaveCount(4).And.BeInAscendingOrder();
        exported.EnumerateArray().Should().OnlyContain(e => e.GetProperty("outcome").GetString() == "failed");
        exported.EnumerateArray().Should().OnlyContain(e => e.GetProperty("hash").GetString()!.Length == 64 && e.EnumerateObject().Any(p => p.Name == "before"));
        lines[0].Should().Be("id,chain_sequence,occurred_at,action,resource_type,resource_id,actor_id,actor_role,session_id,client_ip,outcome,"
            + "correlation_id,reason,before_value,after_value,source_event_id,previous_hash,hash");
    }

    [Fact]
    public async Task Administrators_and_auditors_may_search_and_export_and_clinicians_may_not()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);

        (await clinician.GetAsync(new Uri("/api/compliance/audit/export", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await clinician.GetAsync(new Uri("/api/compliance/audit", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetAsync(new Uri("/api/compliance/audit/export?format=json&action=none.such", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync(new Uri("/api/compliance/audit?action=none.such", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        var export = () => factory.SendAs(Roles.Clinician, new ExportAuditTrail(AuditFilter.All, AuditExportFormats.Csv, Stream.Null));
        await export.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task An_unknown_format_is_a_validation_problem()
    {
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);

        var response = await auditor.GetAsync(new Uri("/api/compliance/audit/export?format=xml", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("csv");
    }

    [Fact]
    public async Task A_format_that_would_break_the_download_header_is_a_validation_problem_not_a_500()
    {
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);

        // What a scanner sends: a line break and a header of its own in the value that names the download.
        var response = await auditor.GetAsync(new Uri("/api/compliance/audit/export?format=csv%0D%0AX-Injected:%201", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("X-Injected").Should().BeFalse();
        response.Content.Headers.ContentDisposition.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("format");
    }
}
