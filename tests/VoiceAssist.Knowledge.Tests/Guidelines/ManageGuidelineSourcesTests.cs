using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Guidelines;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Guidelines;

/// <summary>Guideline sources are data: configuration seeds them once, the console adds, edits and removes them (each
/// change audited with before and after), and the poller checks what the table holds, each at its own interval.</summary>
public sealed class ManageGuidelineSourcesTests(ManageGuidelineSourcesTests.Factory factory) : IClassFixture<ManageGuidelineSourcesTests.Factory>
{
    private const string Page = "<html><body><main><h1>Blood pressure categories</h1><p>Stage 1 hypertension is a systolic blood pressure of 130 to 139 mm Hg or a diastolic blood pressure of 80 to 89 mm Hg.</p></main></body></html>";

    [Fact]
    public async Task Sources_are_seeded_once_then_added_checked_edited_and_removed_by_an_administrator_with_every_change_audited()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var poller = factory.Services.GetRequiredService<GuidelinePoller>();
        factory.Site.Serve(Page, "\"v1\"");

        var seeded = (await admin.Send(new ListGuidelineSources())).Should().ContainSingle().Which;
        seeded.Name.Should().Be("Seeded from configuration");
        seeded.EffectivePollInterval.Should().Be(TimeSpan.Zero, "no interval of its own: the configured default");

        var added = await admin.Send(new AddGuidelineSource("ACC/AHA blood pressure categories", $"{factory.Site.Address}guidelines/blood-pressure.html",
            TimeSpan.FromDays(1), "American College of Cardiology / American Heart Association", "Requested by cardiology"));
        await poller.PollDue(CancellationToken.None);

        var sources = await admin.Send(new ListGuidelineSources());
        var watched = sources.Single(s => s.Id == added.Id);
        watched.LastCheckedAt.Should().NotBeNull();
        watched.LastChangedAt.Should().NotBeNull();
        watched.LastError.Should().BeNull();
        watched.DocumentId.Should().NotBeNull("its content became a document");
        (await admin.Send(new GetKnowledgeDocument(watched.DocumentId!.Value))).Document.Title.Should().Be("ACC/AHA blood pressure categories");
        sources.Single(s => s.Id == seeded.Id).LastError.Should().Contain("404", "the seeded address does not exist on the test site");

        await poller.PollDue(CancellationToken.None);
        factory.Site.LastIfNoneMatch.Should().BeEmpty("its own interval (a day) has not passed, so it was not asked again (a second request would carry the ETag)");
        await admin.Send(new UpdateGuidelineSource(added.Id, "ACC/AHA 2017: blood pressure categories", added.Url, null, added.Publisher, "Check at the default interval"));
        await poller.PollDue(CancellationToken.None);
        factory.Site.LastIfNoneMatch.Should().Be("\"v1\"", "at the default interval it is checked again, conditionally");

        await admin.Send(new RemoveGuidelineSource(seeded.Id, "Address retired"));
        using (var scope = factory.Services.CreateScope())
        {
            using var seeder = new GuidelineSourceSeeder(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(), scope.ServiceProvider.GetRequiredService<IOptions<KnowledgeOptions>>());
            await seeder.EnsureSeeded(CancellationToken.None);
        }

        (await admin.Send(new ListGuidelineSources())).Select(s => s.Id).Should().Equal(added.Id);

        var actor = admin.User.Id.ToString();
        var add = (await AuditTrail.Entries(factory, "knowledge.guideline_source.added", added.Id.ToString())).Single();
        add.Should().BeEquivalentTo(new { ActorId = actor, Reason = "Requested by cardiology", Before = (string?)null });
        add.After.Should().Contain("\"pollInterval\":\"1.00:00:00\"");
        var edit = (await AuditTrail.Entries(factory, "knowledge.guideline_source.updated", added.Id.ToString())).Single();
        edit.ActorId.Should().Be(actor);
        edit.Before.Should().Contain("\"name\":\"ACC/AHA blood pressure categories\"").And.Contain("\"pollInterval\":\"1.00:00:00\"");
        edit.After.Should().Contain("\"name\":\"ACC/AHA 2017: blood pressure categories\"").And.Contain("\"pollInterval\":null");
        var remove = (await AuditTrail.Entries(factory, "knowledge.guideline_source.removed", seeded.Id.ToString())).Single();
        remove.Should().BeEquivalentTo(new { ActorId = actor, Reason = "Address retired", After = (string?)null });
    }

    [Theory]
    [InlineData("", "https://www.who.int/guidelines", null, "name")]
    [InlineData("WHO", "not a url", null, "url")]
    [InlineData("WHO", "ftp://ftp.who.int/guidelines.pdf", null, "url")]
    [InlineData("WHO", "/guidelines/relative.html", null, "url")]
    [InlineData("WHO", "https://admin:secret@www.who.int/guidelines", null, "url")]
    [InlineData("WHO", "https://www.who.int/guidelines", 60, "pollInterval")]
    [InlineData("WHO", "https://www.who.int/guidelines", 100 * 24 * 3600, "pollInterval")]
    public async Task A_bad_source_is_refused_by_field_and_nothing_is_added(string name, string url, int? intervalSeconds, string field)
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var before = await admin.Send(new ListGuidelineSources());

        var refused = await FluentActions.Awaiting(() => admin.Send(new AddGuidelineSource(name, url, intervalSeconds is { } s ? TimeSpan.FromSeconds(s) : null)))
            .Should().ThrowAsync<ValidationException>();

        refused.Which.Errors.Select(e => e.PropertyName).Should().Equal(field);
        (await admin.Send(new ListGuidelineSources())).Should().HaveCount(before.Count);
    }

    [Fact]
    public async Task The_same_address_twice_is_refused_and_only_an_administrator_manages_sources()
    {
        var admin = await ConsoleCaller.SignIn(factory, Roles.Admin);
        var url = $"https://guidelines.example.org/{Guid.NewGuid():N}.html";
        var source = await admin.Send(new AddGuidelineSource("Example", url));

        var duplicate = await FluentActions.Awaiting(() => admin.Send(new AddGuidelineSource("Example again", url))).Should().ThrowAsync<ValidationException>();
        duplicate.Which.Errors.Should().ContainSingle(e => e.PropertyName == "url");
        foreach (var role in new[] { Roles.Viewer, Roles.Auditor, Roles.Clinician })
        {
            var caller = await ConsoleCaller.SignIn(factory, role);
            await FluentActions.Awaiting(() => caller.Send(new AddGuidelineSource("Mine", $"https://guidelines.example.org/{role}.html"))).Should().ThrowAsync<ForbiddenException>();
            await FluentActions.Awaiting(() => caller.Send(new UpdateGuidelineSource(source.Id, "Renamed", url))).Should().ThrowAsync<ForbiddenException>();
            await FluentActions.Awaiting(() => caller.Send(new RemoveGuidelineSource(source.Id))).Should().ThrowAsync<ForbiddenException>();
            await FluentActions.Awaiting(() => caller.Send(new ListGuidelineSources())).Should().ThrowAsync<ForbiddenException>();
        }

        (await admin.Send(new ListGuidelineSources())).Single(s => s.Id == source.Id).Name.Should().Be("Example");
        await admin.Send(new RemoveGuidelineSource(source.Id));
    }

    public sealed class Factory : KnowledgeFactory
    {
        public GuidelinePollerTests.GuidelineSite Site { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Knowledge:Guidelines:Enabled"] = "false",
            ["Knowledge:Guidelines:PollInterval"] = "00:00:00",
            ["Knowledge:Guidelines:Sources:0:Name"] = "Seeded from configuration",
            ["Knowledge:Guidelines:Sources:0:Url"] = $"{Site.Address}guidelines/retired.html",
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Site.DisposeAsync();
        }
    }
}
