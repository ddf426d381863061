using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.Contracts.Administration;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.AuditTrail;

public sealed class SearchAuditTrailTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pages_newest_first_through_every_matching_entry_and_back_without_a_gap_or_a_repeat()
    {
        var prefix = AuditReading.UniqueActionPrefix();
        await AuditReading.Seed(factory, prefix, 103, Newest);
        var filter = new AuditFilter(Action: prefix + "*");

        var pages = new List<AuditPage>();
        var page = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(filter, PageSize: 25));
        pages.Add(page);
        while (page.Older is not null)
        {
            page = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(filter, After: page.Older, PageSize: 25));
            pages.Add(page);
        }

        pages.Select(p => p.Entries.Count).Should().Equal(25, 25, 25, 25, 3);
        pages[0].Newer.Should().BeNull("the first page is the newest");
        pages[0].Total.Should().Be(103);
        pages[0].TotalIsLowerBound.Should().BeFalse();
        var all = pages.SelectMany(p => p.Entries).ToList();
        all.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        all.Should().BeInDescendingOrder(e => e.OccurredAt).And.HaveCount(103);
        all.Zip(all.Skip(1)).Where(pair => pair.First.OccurredAt == pair.Second.OccurredAt)
            .Should().NotBeEmpty().And.OnlyContain(pair => pair.First.Id > pair.Second.Id, "entries at the same time are ordered by id");

        var back = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(filter, Before: pages[3].Newer, PageSize: 25));
        back.Entries.Select(e => e.Id).Should().Equal(pages[2].Entries.Select(e => e.Id));
        back.Newer.Should().Be(pages[2].Newer);
        back.Older.Should().Be(pages[2].Older);
        var first = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(filter, Before: pages[1].Newer, PageSize: 25));
        first.Entries.Select(e => e.Id).Should().Equal(pages[0].Entries.Select(e => e.Id));
        first.Newer.Should().BeNull("nothing is newer than the first page");
    }

    [Theory]
    [InlineData("action", 34)] // i % 3 == 1 for i in 1..100
    [InlineData("actionPrefix", 100)]
    [InlineData("actor", 25)]
    [InlineData("outcome", 50)]
    [InlineData("correlation", 20)]
    [InlineData("resource", 17)] // i % 6 == 1
    [InlineData("timeRange", 22)] // 10 to 20 seconds before the newest: i from 20 to 41
    [InlineData("actorAndOutcome", 25)] // actor-1 is always an odd i, so failed
    public async Task Each_filter_selects_exactly_its_entries(string filterName, int expected)
    {
        var prefix = AuditReading.UniqueActionPrefix();
        await AuditReading.Seed(factory, prefix, 100, Newest);
        var filter = filterName switch
        {
            "action" => new AuditFilter(Action: prefix + "1"),
            "actionPrefix" => new AuditFilter(Action: prefix + "*"),
            "actor" => new AuditFilter(ActorId: prefix + "actor-2"),
            "outcome" => new AuditFilter(Action: prefix + "*", Outcome: "failed"),
            "correlation" => new AuditFilter(CorrelationId: prefix + "corr-3"),
            "resource" => new AuditFilter(ResourceType: "document", ResourceId: prefix + "doc-1"),
            "timeRange" => new AuditFilter(Action: prefix + "*", From: Newest.AddSeconds(-20), To: Newest.AddSeconds(-10)),
            "actorAndOutcome" => new AuditFilter(ActorId: prefix + "actor-1", Outcome: "failed"),
            _ => throw new ArgumentOutOfRangeException(nameof(filterName)),
        };

        var page = await factory.SendAs(Roles.Admin, new SearchAuditTrail(filter, PageSize: 500));

        page.Total.Should().Be(expected);
        page.Entries.Should().HaveCount(expected).And.OnlyContain(e => e.Action.StartsWith(prefix, StringComparison.Ordinal));
        if (filter.Outcome is not null)
        {
            page.Entries.Should().OnlyContain(e => e.Outcome == filter.Outcome);
        }

        if (filter.From is not null)
        {
            page.Entries.Should().OnlyContain(e => e.OccurredAt >= filter.From && e.OccurredAt <= filter.To);
        }
    }

    [Fact]
    public async Task Counting_stops_at_the_limit_and_says_so()
    {
        var prefix = AuditReading.UniqueActionPrefix();
        await AuditReading.Seed(factory, prefix, AuditPage.CountLimit + 20, Newest);

        var page = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(Action: prefix + "*")));

        page.Total.Should().Be(AuditPage.CountLimit);
        page.TotalIsLowerBound.Should().BeTrue();
        page.Entries.Should().HaveCount(50);
        page.Older.Should().NotBeNull();
    }

    [Fact]
    public async Task The_http_search_shares_the_handler_and_its_cursors()
    {
        var prefix = AuditReading.UniqueActionPrefix();
        await AuditReading.Seed(factory, prefix, 30, Newest);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);

        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/compliance/audit?action={prefix}*&pageSize=20");
        var older = first.GetProperty("older").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/compliance/audit?action={prefix}*&pageSize=20&after={older}");

        first.GetProperty("total").GetInt32().Should().Be(30);
        first.GetProperty("entries").GetArrayLength().Should().Be(20);
        second.GetProperty("entries").GetArrayLength().Should().Be(10);
        second.GetProperty("older").ValueKind.Should().Be(JsonValueKind.Null);
        second.GetProperty("newer").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=1-1&before=1-1", "before")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("outcome=maybe", "filter.Outcome")]
    [InlineData("action=identity.*.signed_in", "filter.Action")]
    [InlineData("action=*", "filter.Action")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "filter.To")]
    public async Task Bad_input_is_a_field_error_and_records_no_search(string query, string field)
    {
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);
        var correlationId = "bad-search-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/compliance/audit?" + query);
        request.Headers.Add("X-Correlation-Id", correlationId);

        var response = await auditor.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the error names {field}: {problem}");
        var searches = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(CorrelationId: correlationId)));
        searches.Entries.Should().BeEmpty("a refused search is not run, so it is not recorded as one");
    }

    [Fact]
    public async Task A_search_is_recorded_with_its_filters_and_correlation_id()
    {
        var prefix = AuditReading.UniqueActionPrefix();
        var correlationId = "console-search-" + Guid.NewGuid().ToString("N")[..8];

        await factory.SendAs(Roles.Admin, new SearchAuditTrail(new AuditFilter(Action: prefix + "*", Outcome: "failed")), correlationId);

        var recorded = await factory.SendAs(Roles.Auditor, new SearchAuditTrail(new AuditFilter(Action: "compliance.audit.searched", CorrelationId: correlationId)));
        var entry = recorded.Entries.Should().ContainSingle().Subject;
        entry.ResourceId.Should().Be($"action={prefix}*;outcome=failed");
        entry.ActorRole.Should().Be(Roles.Admin);
        entry.Outcome.Should().Be("succeeded");
    }

    [Fact]
    public async Task A_clinician_cannot_search_through_the_mediator_either()
    {
        var search = () => factory.SendAs(Roles.Clinician, new SearchAuditTrail(AuditFilter.All));

        await search.Should().ThrowAsync<ForbiddenException>();
        var invalid = () => factory.SendAs(Roles.Auditor, new SearchAuditTrail(AuditFilter.All, PageSize: 0));
        await invalid.Should().ThrowAsync<ValidationException>();
    }
}
