using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts.Calculators;

/// <summary>The catalog of calculators: what each computes, the inputs it needs and where it comes from.</summary>
public sealed record ListCalculators : IQuery<IReadOnlyList<CalculatorDescriptor>>;

public sealed record CalculatorDescriptor(
    string Id,
    string Name,
    string Description,
    string Category,
    string ResultUnit,
    IReadOnlyList<CalculatorInputDescriptor> Inputs,
    IReadOnlyList<CalculatorSource> Sources,
    IReadOnlyList<string> Notes);

/// <summary>One input a calculator takes. <see cref="Kind"/> is "number", "boolean", "choice" or "date". Numbers are
/// checked against <see cref="Minimum"/>..<see cref="Maximum"/> in <see cref="Unit"/> after conversion from any of
/// <see cref="AcceptedUnits"/>. <see cref="Prompt"/> and <see cref="Synonyms"/> help a conversation fill the slot.</summary>
public sealed record CalculatorInputDescriptor(
    string Name,
    string Label,
    string Kind,
    string? Unit,
    IReadOnlyList<string> AcceptedUnits,
    double? Minimum,
    double? Maximum,
    IReadOnlyList<CalculatorChoice> Choices,
    bool Required,
    string? DefaultValue,
    string Prompt,
    IReadOnlyList<string> Synonyms,
    string? Help);

/// <summary>One allowed answer of a choice input, with the words that select it.</summary>
public sealed record CalculatorChoice(string Value, string Label, IReadOnlyList<string> Synonyms);
