using System.Text.RegularExpressions;

namespace VoiceAssist.DeploymentTests;

public sealed partial class DockerfileTests
{
    private static readonly string Text = Repository.Read("src/VoiceAssist.Host/Dockerfile");

    /// <summary>Instructions with their continuation lines joined and comments left out.</summary>
    private static readonly IReadOnlyList<string> Instructions = Regex.Replace(Text, @"\\\r?\n", " ")
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToList();

    private static List<string> Stages() => Instructions.Where(i => i.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

    private static List<string> FinalStage() =>
        Instructions.Skip(Instructions.ToList().FindLastIndex(i => i.StartsWith("FROM ", StringComparison.Ordinal))).ToList();

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        Stages().Should().HaveCount(2);
        Stages()[0].Should().Contain("mcr.microsoft.com/dotnet/sdk:").And.EndWith("AS build");
        Stages()[1].Should().Contain("mcr.microsoft.com/dotnet/aspnet:");
        Instructions.Should().Contain(i => i.StartsWith("ARG SDK_VERSION=10.0.", StringComparison.Ordinal));
        Instructions.Should().Contain(i => i.StartsWith("ARG RUNTIME_VERSION=10.0.", StringComparison.Ordinal));
        FinalStage().Should().Contain(i => i.StartsWith("COPY --from=build", StringComparison.Ordinal));
    }

    [Fact]
    public void Publishes_the_host_project()
    {
        Instructions.Should().Contain(i => i.Contains("dotnet publish src/VoiceAssist.Host/VoiceAssist.Host.csproj", StringComparison.Ordinal));
        FinalStage().Should().Contain(@"ENTRYPOINT [""dotnet"", ""VoiceAssist.Host.dll""]");
    }

    [Fact]
    public void Base_images_are_pinned_to_the_sdk_of_global_json_and_an_exact_runtime()
    {
        var sdk = Arg("SDK_VERSION");
        using var globalJson = System.Text.Json.JsonDocument.Parse(Repository.Read("global.json"));
        sdk.Should().Be(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString(), "the image builds with the SDK the repository asks for");
        ExactVersion().IsMatch(Arg("RUNTIME_VERSION")).Should().BeTrue("a floating runtime tag changes the image under the same name");
        Stages().Should().OnlyContain(stage => stage.Contains("${SDK_VERSION}-${IMAGE_OS}", StringComparison.Ordinal) || stage.Contains("${RUNTIME_VERSION}-${IMAGE_OS}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_build_checks_every_native_library_the_host_loads_by_name()
    {
        var loaded = Directory.GetFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => NativeLibraryName().Matches(File.ReadAllText(path)).Select(match => match.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        loaded.Should().Contain(["libespeak-ng.so.1", "libtesseract.so.5"]);

        var check = FinalStage().Single(i => i.Contains("ldconfig -p", StringComparison.Ordinal));
        check.Should().Contain("exit 1");
        foreach (var library in loaded)
        {
            check.Should().Contain(library);
        }
    }

    [Fact]
    public void Installs_the_packages_the_host_runs()
    {
        var install = FinalStage().Single(i => i.Contains("apt-get install", StringComparison.Ordinal));
        var packages = install.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        packages.Should().Contain(
            ["poppler-utils", "tesseract-ocr", "tesseract-ocr-eng", "espeak-ng", "flite", "pocketsphinx", "pocketsphinx-en-us", "curl"]);
        packages.Should().NotContain("nodejs", "embeddings run in the host's process; no node process runs in the image");
        install.Should().Contain("--no-install-recommends").And.Contain("rm -rf /var/lib/apt/lists/*");
    }

    [Fact]
    public void Runs_as_a_non_root_user_after_installing()
    {
        var final = FinalStage();
        var user = final.FindLastIndex(i => i.StartsWith("USER ", StringComparison.Ordinal));
        user.Should().BeGreaterThan(final.FindIndex(i => i.Contains("apt-get install", StringComparison.Ordinal)));
        var userValue = final[user]["USER ".Length..].Trim();
        new[] { "root", "0", "0:0", "root:root" }.Should().NotContain(userValue);
    }

    [Fact]
    public void Has_a_healthcheck_on_the_liveness_endpoint()
    {
        FinalStage().Should().Contain(i => i.StartsWith("HEALTHCHECK", StringComparison.Ordinal) && i.Contains("/health/live", StringComparison.Ordinal));
    }

    [Fact]
    public void Copies_only_files_that_exist()
    {
        foreach (var copy in Instructions.Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from", StringComparison.Ordinal)))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            foreach (var source in sources)
            {
                var path = Repository.PathOf(source.TrimEnd('/'));
                (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"{copy} needs {source}");
            }
        }
    }

    private static string Arg(string name) =>
        Instructions.Single(i => i.StartsWith($"ARG {name}=", StringComparison.Ordinal))[$"ARG {name}=".Length..];

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex ExactVersion();

    /// <summary>A shared library named with its soname version in a string literal: "libtesseract.so.5".</summary>
    [GeneratedRegex(@"""(?<name>lib[\w.+-]+\.so\.\d+)""")]
    private static partial Regex NativeLibraryName();

    [Fact]
    public void The_build_context_leaves_out_build_outputs_and_secrets()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();
        ignored.Should().Contain(["**/bin/", "**/obj/", ".git/", ".local/", ".env"]);
        ignored.Should().NotContain(["src/", "src", ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "global.json"]);
    }
}
