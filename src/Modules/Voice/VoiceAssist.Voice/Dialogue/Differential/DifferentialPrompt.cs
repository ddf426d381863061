using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Voice.Dialogue.Differential;

/// <summary>What the model is asked for a differential (the presentation, the numbered passages it may draw on and the
/// calculators it may suggest) and how its JSON reply is read.</summary>
internal static class DifferentialPrompt
{
    public const int MaxItems = 5;

    private const string Instructions =
        "You list a differential diagnosis for a clinician, using only the numbered passages supplied. "
        + "Give at most 5 diagnoses, most likely first. For each: \"diagnosis\" (the name); \"reasoning\" (one or two short sentences "
        + "on why it fits, every sentence ending with the number of the passage that supports it in square brackets, e.g. [2]); "
        + "\"calculators\" (ids from the calculator list that would risk-stratify or test this diagnosis next; may be empty). "
        + "Leave out any diagnosis no passage supports. Never use knowledge from outside the passages. "
        + "Answer with JSON only: {\"differential\":[{\"diagnosis\":\"...\",\"reasoning\":\"... [1]\",\"calculators\":[\"...\"]}]}";

    public static List<ChatMessage> Messages(string presentation, IReadOnlyList<KnowledgePassage> passages, IEnumerable<CalculatorDescriptor> calculators)
    {
        var user = new StringBuilder();
        user.Append("Presentation: ").AppendLine(presentation).AppendLine().AppendLine("Passages:");
        for (var i = 0; i < passages.Count; i++)
        {
            var p = passages[i];
            var where = string.Join(", ", new[] { p.Page is { } page ? string.Create(CultureInfo.InvariantCulture, $"p. {page}") : null, p.Section }.OfType<string>());
            user.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {p.Title}{(where.Length > 0 ? $" ({where})" : string.Empty)}: {p.Text}").AppendLine();
        }

        user.AppendLine().AppendLine("Calculators (id: name):");
        foreach (var calculator in calculators)
        {
            user.Append(calculator.Id).Append(": ").AppendLine(calculator.Name);
        }

        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, user.ToString())];
    }

    /// <summary>The diagnoses in the model's order, or null when the reply is not the JSON asked for. A reply wrapped in
    /// a code fence is read; items without a diagnosis or reasoning are skipped.</summary>
    public static IReadOnlyList<ProposedDiagnosis>? Read(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return null;
        }

        var (start, end) = (reply.IndexOf('{', StringComparison.Ordinal), reply.LastIndexOf('}'));
        if (start < 0 || end < start)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(reply[start..(end + 1)]);
            if (!document.RootElement.TryGetProperty("differential", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var proposed = new List<ProposedDiagnosis>();
            foreach (var item in list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                var diagnosis = Text(item, "diagnosis");
                var reasoning = Text(item, "reasoning");
                if (string.IsNullOrWhiteSpace(diagnosis) || string.IsNullOrWhiteSpace(reasoning))
                {
                    continue;
                }

                var calculators = item.TryGetProperty("calculators", out var ids) && ids.ValueKind == JsonValueKind.Array
                    ? ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList()
                    : [];
                proposed.Add(new ProposedDiagnosis(diagnosis.Trim(), reasoning.Trim(), calculators));
            }

            return proposed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One diagnosis as the model proposed it, before the citation check.</summary>
internal sealed record ProposedDiagnosis(string Diagnosis, string Reasoning, IReadOnlyList<string> Calculators);
