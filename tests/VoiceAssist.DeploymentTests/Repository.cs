namespace VoiceAssist.DeploymentTests;

/// <summary>Files of the repository the tests run in, found from the test assembly's folder upwards.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoiceAssist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VoiceAssist.sln was not found above " + AppContext.BaseDirectory);
    }
}
