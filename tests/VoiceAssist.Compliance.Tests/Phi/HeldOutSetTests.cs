using System.Text.Json;
using System.Text.RegularExpressions;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Compliance.Tests.Phi;

/// <summary>A regression guard, not the evaluation (that is bench/VoiceAssist.Benchmarks.Phi): on the synthetic
/// held-out notes, what a redaction would hide must stay well above a bound looser than the targets.</summary>
public sealed partial class HeldOutSetTests
{
    [Fact]
    public void Detection_on_the_held_out_notes_keeps_recall_and_precision_above_a_loose_bound()
    {
        var detector = new PhiDetector();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "phi-heldout.jsonl")))
        {
            using var document = JsonDocument.Parse(line);
            var text = document.RootElement.GetProperty("text").GetString()!;
            var gold = document.RootElement.GetProperty("spans").EnumerateArray()
                .Select(s => (Start: s.GetProperty("start").GetInt32(), End: s.GetProperty("end").GetInt32())).ToList();
            var predicted = detector.Detect(text);
            foreach (Match token in TokenRegex().Matches(text))
            {
                var isGold = gold.Any(s => s.Start < token.Index + token.Length && token.Index < s.End);
                var isPredicted = predicted.Any(s => s.Start < token.Index + token.Length && token.Index < s.End);
                truePositives += isGold && isPredicted ? 1 : 0;
                falsePositives += !isGold && isPredicted ? 1 : 0;
                falseNegatives += isGold && !isPredicted ? 1 : 0;
            }
        }

        var recall = (double)truePositives / (truePositives + falseNegatives);
        var precision = (double)truePositives / (truePositives + falsePositives);
        recall.Should().BeGreaterThan(0.9);
        precision.Should().BeGreaterThan(0.8);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TokenRegex();
}
