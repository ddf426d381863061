using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.Phi;

/// <summary>The host with a small text limit, so the limit is cheap to exceed.</summary>
public sealed class SmallPhiLimitFactory : VoiceAssistFactory
{
    public const int MaxTextLength = 2_000;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Compliance:Phi:MaxTextLength"] = MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class PhiEndpointTests(SmallPhiLimitFactory factory) : IClassFixture<SmallPhiLimitFactory>
{
    private const string Note = "Mrs. Lindqvist (MRN: 00412345) was seen by Dr. Okafor on 03/14/2021; call (617) 555-0134.";

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Detect_returns_each_finding_with_its_span_type_confidence_and_text()
    {
        var response = await client.PostAsJsonAsync("/api/compliance/phi/detect", new { text = Note });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var findings = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray().ToList();
        findings.Select(f => (f.GetProperty("type").GetString(), f.GetProperty("text").GetString())).Should().BeEquivalentTo(new[]
        {
            ("NAME", "Lindqvist"), ("MRN", "00412345"), ("NAME", "Okafor"), ("DATE", "03/14/2021"), ("PHONE", "(617) 555-0134"),
        });
        foreach (var finding in findings)
        {
            var start = finding.GetProperty("start").GetInt32();
            var end = finding.GetProperty("end").GetInt32();
            Note[start..end].Should().Be(finding.GetProperty("text").GetString());
            finding.GetProperty("confidence").GetDouble().Should().BeInRange(0.5, 1.0);
        }
    }

    [Theory]
    [InlineData("tags", "Mrs. [NAME] (MRN: [MRN]) was seen by Dr. [NAME] on [DATE]; call [PHONE].")]
    [InlineData("mask", "Mrs. ********* (MRN: ********) was seen by Dr. ****** on **********; call ***** ********.")]
    public async Task Redact_replaces_identifiers_in_the_requested_style(string style, string expected)
    {
        var response = await client.PostAsJsonAsync("/api/compliance/phi/redact", new { text = Note, style });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString().Should().Be(expected);
    }

    [Fact]
    public async Task Redact_with_surrogates_hides_every_original_value()
    {
        var response = await client.PostAsJsonAsync("/api/compliance/phi/redact", new { text = Note + " Okafor agreed.", style = "surrogates" });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var text = body.GetProperty("text").GetString()!;
        text.Should().NotContain("Lindqvist").And.NotContain("Okafor").And.NotContain("00412345").And.NotContain("03/14/2021").And.NotContain("555-0134");
        text.Should().MatchRegex(@"^Mrs\. \w+ \(MRN: \d{8}\) was seen by Dr\. (?<dr>\w+) on \d{2}/\d{2}/\d{4}; call \(\d{3}\) \d{3}-\d{4}\. \k<dr> agreed\.$");
        body.GetProperty("replacements").GetArrayLength().Should().Be(6);
    }

    [Theory]
    [InlineData("/api/compliance/phi/detect")]
    [InlineData("/api/compliance/phi/redact")]
    public async Task Empty_or_missing_text_is_a_400_naming_the_field(string route)
    {
        foreach (var body in new object[] { new { text = "" }, new { } })
        {
            var response = await client.PostAsJsonAsync(route, body);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _).Should().BeTrue();
        }
    }

    [Theory]
    [InlineData("/api/compliance/phi/detect")]
    [InlineData("/api/compliance/phi/redact")]
    public async Task Text_over_the_configured_limit_is_a_400(string route)
    {
        var response = await client.PostAsJsonAsync(route, new { text = new string('a', SmallPhiLimitFactory.MaxTextLength + 1) });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("text")[0].GetString().Should().Contain(SmallPhiLimitFactory.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unknown_redaction_style_is_a_400_naming_the_field()
    {
        var response = await client.PostAsJsonAsync("/api/compliance/phi/redact", new { text = Note, style = "blur" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("style")[0].GetString()
            .Should().Contain("tags, surrogates, mask");
    }

    [Fact]
    public async Task Other_modules_can_detect_and_redact_through_the_mediator()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var detection = await sender.Send(new DetectPhi(Note));
        var redacted = await sender.Send(new RedactPhi(Note, RedactionStyle.TypeTags));

        detection.Findings.Should().HaveCount(5);
        redacted.Text.Should().NotContain("Okafor");
    }
}
