using System.Globalization;
using VoiceAssist.Benchmarks.Phi;
using VoiceAssist.Compliance.Phi.Detection;

// Evaluation of the PHI detector; see docs/phi.md.
//   evaluate <set.jsonl> [--url http://host:port] [--errors N]   precision, recall and F2 per entity type
//   evaluate-dev [--dir ../shared/data/phi-dev] [--errors N] [--seconds 10]   the real-text development sets:
//                                                                  recall per label, precision per type, HIPAA any-overlap
//                                                                  recall, precision and uncovered characters, MB/s
//   dictionaries [--out DIR] [--words FILE]                      writes the international name, place and street lists
//                                                                  (Bogus locales) and the everyday-English word list
//   generate [--seed N] [--dev-count N] [--heldout-count N] [--out DIR]   writes phi-dev.jsonl and phi-heldout.jsonl
//   detect                                                         prints the findings for the text on stdin
//   throughput [--set tests/data/phi-dev.jsonl] [--seconds 10]     PHI detection KB/s, one thread and all cores
//   audit [--entries 10000]                                        audit trail appends/s and chain verification/s
var command = args.FirstOrDefault() ?? "help";
var options = Options.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "evaluate" when options.Positional.Count == 1:
        var documents = AnnotatedDocumentFile.Read(options.Positional[0]);
        IPhiSource source = options.Named.TryGetValue("url", out var url)
            ? new HttpPhiSource(new Uri(url))
            : new InProcessPhiSource(new PhiDetector());
        var report = await Evaluation.Run(documents, source);
        report.Print(Console.Out, options.Positional[0], int.Parse(options.Named.GetValueOrDefault("errors", "0"), CultureInfo.InvariantCulture));
        return 0;
    case "evaluate-dev":
        DevelopmentEvaluation.Run(
            options.Named.GetValueOrDefault("dir", Path.Combine("..", "shared", "data", "phi-dev")),
            int.Parse(options.Named.GetValueOrDefault("errors", "0"), CultureInfo.InvariantCulture),
            int.Parse(options.Named.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture),
            Console.Out);
        return 0;
    case "dictionaries":
        DictionaryWriter.Write(
            options.Named.GetValueOrDefault("out", Path.Combine("src", "Modules", "Compliance", "VoiceAssist.Compliance", "Phi", "Dictionaries")),
            options.Named.GetValueOrDefault("words", "/usr/share/dict/american-english"));
        return 0;
    case "generate":
        var seed = int.Parse(options.Named.GetValueOrDefault("seed", "20261122"), CultureInfo.InvariantCulture);
        var directory = options.Named.GetValueOrDefault("out", Path.Combine("tests", "data"));
        Directory.CreateDirectory(directory);
        var dev = NoteGenerator.Generate(seed, int.Parse(options.Named.GetValueOrDefault("dev-count", "240"), CultureInfo.InvariantCulture), heldOut: false);
        var heldOut = NoteGenerator.Generate(seed + 1, int.Parse(options.Named.GetValueOrDefault("heldout-count", "80"), CultureInfo.InvariantCulture), heldOut: true);
        AnnotatedDocumentFile.Write(Path.Combine(directory, "phi-dev.jsonl"), dev);
        AnnotatedDocumentFile.Write(Path.Combine(directory, "phi-heldout.jsonl"), heldOut);
        Console.WriteLine($"Wrote {dev.Count} development and {heldOut.Count} held-out notes to {directory}.");
        return 0;
    case "detect":
        var text = await Console.In.ReadToEndAsync();
        foreach (var span in new PhiDetector().Detect(text))
        {
            Console.WriteLine(FormattableString.Invariant($"{span.Start,6} {span.End,6} {span.Type,-12} {span.Confidence:0.00} {text[span.Start..span.End].ReplaceLineEndings(" ")}"));
        }

        return 0;
    case "throughput":
        Throughput.Detection(options.Named.GetValueOrDefault("set", Path.Combine("tests", "data", "phi-dev.jsonl")),
            TimeSpan.FromSeconds(int.Parse(options.Named.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture)));
        return 0;
    case "audit":
        await Throughput.Audit(int.Parse(options.Named.GetValueOrDefault("entries", "10000"), CultureInfo.InvariantCulture), [1, 4]);
        return 0;
    default:
        Console.Error.WriteLine("usage: evaluate <set.jsonl> [--url URL] [--errors N] | evaluate-dev [--dir D] [--errors N] [--seconds N] | generate [--seed N] [--dev-count N] [--heldout-count N] [--out DIR] | detect < text | throughput [--set F] [--seconds N] | audit [--entries N]");
        return 2;
}
