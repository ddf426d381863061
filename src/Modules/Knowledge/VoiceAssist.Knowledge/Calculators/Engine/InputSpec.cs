namespace VoiceAssist.Knowledge.Calculators.Engine;

internal enum InputKind
{
    Number,
    Boolean,
    Choice,
    Date,
}

/// <summary>One input a calculator declares: its name, type, unit and valid range (in the canonical unit), whether
/// it may be omitted, and the prompt and synonyms a conversation uses to ask for it.</summary>
internal sealed record InputSpec(string Name, string Label, InputKind Kind, string Prompt)
{
    public Quantity? Quantity { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public IReadOnlyList<ChoiceOption> Choices { get; init; } = [];

    public bool Required { get; init; } = true;

    /// <summary>The value used when the input is omitted: a double, bool, choice value or null.</summary>
    public object? Default { get; init; }

    public IReadOnlyList<string> Synonyms { get; init; } = [];

    public string? Help { get; init; }

    public InputSpec Optional(object? defaultValue = null) => this with { Required = false, Default = defaultValue };

    public InputSpec Also(params string[] synonyms) => this with { Synonyms = [.. Synonyms, .. synonyms] };

    public InputSpec Between(double min, double max) => this with { Min = min, Max = max };

    public InputSpec Named(string name, string label, string prompt) => this with { Name = name, Label = label, Prompt = prompt };

    public InputSpec WithHelp(string help) => this with { Help = help };
}

/// <summary>One answer of a choice input. <see cref="Number"/> lets a spoken or written number select it (a GCS eye
/// response of "3").</summary>
internal sealed record ChoiceOption(string Value, string Label, double? Number = null, params string[] Synonyms);

/// <summary>Builders for input specifications.</summary>
internal static class In
{
    public static InputSpec Number(string name, string label, Quantity quantity, double min, double max, string prompt, params string[] synonyms) =>
        new(name, label, InputKind.Number, prompt) { Quantity = quantity, Min = min, Max = max, Synonyms = synonyms };

    /// <summary>A yes/no criterion that counts as absent when not mentioned, as on the published score sheets.</summary>
    public static InputSpec Flag(string name, string label, string prompt, params string[] synonyms) =>
        new(name, label, InputKind.Boolean, prompt) { Required = false, Default = false, Synonyms = synonyms };

    public static InputSpec Choice(string name, string label, string prompt, IReadOnlyList<ChoiceOption> choices, params string[] synonyms) =>
        new(name, label, InputKind.Choice, prompt) { Choices = choices, Synonyms = synonyms };

    public static InputSpec Date(string name, string label, string prompt, params string[] synonyms) =>
        new(name, label, InputKind.Date, prompt) { Synonyms = synonyms };
}
