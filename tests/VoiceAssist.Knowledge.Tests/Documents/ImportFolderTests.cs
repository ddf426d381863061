using System.Text;
using VoiceAssist.Knowledge.Tests.Support;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Documents;

/// <summary>The host watching an import folder of its own.</summary>
public sealed class ImportFolderFactory : KnowledgeFactory
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("knowledge-import-").FullName;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Knowledge:Ingestion:ImportFolder"] = Folder,
        ["Knowledge:Ingestion:ImportFolderPollInterval"] = "00:00:00.200",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class ImportFolderTests(ImportFolderFactory factory) : IClassFixture<ImportFolderFactory>
{
    private void Drop(string name, byte[] content)
    {
        var path = Path.Combine(factory.Folder, name);
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1)); // settled: not a copy still in progress
    }

    [Fact]
    public async Task A_dropped_guideline_is_ingested_and_searchable_and_bad_files_are_set_aside_with_the_reason()
    {
        var client = factory.CreateClient();
        Drop("anticoagulation-note.md", Encoding.UTF8.GetBytes(
            "# Stroke prevention\n\nApixaban is preferred over warfarin for stroke prevention in nonvalvular atrial fibrillation (zephyrine marker).\n"));
        Drop("empty.txt", []);
        Drop("spreadsheet.xlsx", Encoding.UTF8.GetBytes("not a document"));

        await Eventually.Until(() => Task.FromResult(File.Exists(Path.Combine(factory.Folder, "imported", "anticoagulation-note.md"))),
            moved => moved, TimeSpan.FromSeconds(30), "the file is moved to imported/ once taken in");
        var results = await Eventually.Until(() => client.Search("zephyrine apixaban"), r => r.Passages().Any(), TimeSpan.FromSeconds(30), "the imported file becomes searchable");
        results.Passages().First().GetProperty("text").GetString().Should().Contain("Apixaban is preferred");

        await Eventually.Until(() => Task.FromResult(Directory.Exists(Path.Combine(factory.Folder, "failed")) ? Directory.GetFiles(Path.Combine(factory.Folder, "failed")).Length : 0),
            count => count == 4, TimeSpan.FromSeconds(30), "both bad files and their reasons are in failed/");
        (await File.ReadAllTextAsync(Path.Combine(factory.Folder, "failed", "empty.txt.error.txt"))).Should().Contain("empty");
        (await File.ReadAllTextAsync(Path.Combine(factory.Folder, "failed", "spreadsheet.xlsx.error.txt"))).Should().Contain("Only PDF");
        Directory.GetFiles(factory.Folder).Should().BeEmpty("nothing is left waiting in the folder");
    }
}
