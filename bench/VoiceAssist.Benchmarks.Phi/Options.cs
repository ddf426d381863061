namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Command-line arguments: <c>--name value</c> pairs and positional values.</summary>
internal sealed record Options(IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Named)
{
    public static Options Parse(string[] args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                named[args[i][2..]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return new Options(positional, named);
    }
}
