using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>What a calculator answer tells the clinician about its own inputs, so a misheard or missing criterion
/// never changes a score silently: the values it used (and which came from earlier in the conversation), the criteria
/// it counted as absent because nobody mentioned them, and the optional inputs it took at their defaults.</summary>
internal sealed record CalculatorReadBack(IReadOnlyList<string> Used, IReadOnlyList<string> AssumedAbsent, IReadOnlyList<string> Defaulted)
{
    public static CalculatorReadBack Of(CalculatorDescriptor calculator, IReadOnlyDictionary<string, SlotValue> slots, IReadOnlyCollection<string> carried) => new(
        [.. calculator.Inputs.Where(i => i.Kind != "boolean" && slots.ContainsKey(i.Name))
            .Select(i => $"{Label(i)} {slots[i.Name]}" + (carried.Contains(i.Name) ? " from earlier" : string.Empty))],
        [.. calculator.Inputs.Where(i => i.Kind == "boolean" && !slots.ContainsKey(i.Name)).Select(Label)],
        [.. calculator.Inputs.Where(i => i.Kind != "boolean" && !slots.ContainsKey(i.Name) && i.DefaultValue is not null)
            .Select(i => $"{Label(i)} {i.DefaultValue}")]);

    /// <summary>The read-back as it is said after the result: "Using age 72, creatinine 1.7 mg/dL. Not mentioned, so
    /// counted as absent: stroke or TIA, vascular disease."</summary>
    public string Spoken()
    {
        var parts = new List<string>();
        if (Used.Count > 0)
        {
            parts.Add($"Using {string.Join(", ", Used)}.");
        }

        if (Defaulted.Count > 0)
        {
            parts.Add($"Assumed {string.Join(", ", Defaulted)}.");
        }

        if (AssumedAbsent.Count > 0)
        {
            parts.Add($"Not mentioned, so counted as absent: {string.Join(", ", AssumedAbsent)}.");
        }

        return string.Join(' ', parts);
    }

    /// <summary>The label without its parenthesised detail, as it is said: "vascular disease", not the definition.</summary>
    private static string Label(CalculatorInputDescriptor input) =>
        DialogueEngine.Lower(input.Label.Split(" (", 2)[0]);
}
