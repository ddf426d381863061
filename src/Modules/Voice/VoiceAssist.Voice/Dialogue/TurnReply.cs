using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue.Knowledge;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>What the conversation answers to one turn: the reply to say or show, the question it needs answered (if
/// any), the citations behind a knowledge answer, a calculator's result, and what it understood.</summary>
internal sealed record TurnReply(
    string Reply,
    string? ClarifyingQuestion,
    IReadOnlyList<Citation> Citations,
    CalculatorOutcome? Calculator,
    Understood Understood);

internal sealed record CalculatorOutcome(
    string Id,
    string Name,
    double? Value,
    string Unit,
    string DisplayValue,
    string? Category,
    string Interpretation,
    IReadOnlyList<CalculatorPoint> Breakdown,
    IReadOnlyList<CalculatorSource> Sources)
{
    public static CalculatorOutcome From(CalculatorResult result) => new(
        result.CalculatorId, result.Name, result.Value, result.Unit, result.DisplayValue, result.Category, result.Interpretation, result.Breakdown, result.Sources);
}

/// <summary>The intent recognised, the calculator in use and its inputs as understood (name → value with unit), and
/// the knowledge question as it was put to the knowledge base.</summary>
internal sealed record Understood(string Intent, string? CalculatorId, IReadOnlyDictionary<string, string> Slots, string? Question);

internal static class Intents
{
    public const string Calculator = "calculator";
    public const string Knowledge = "knowledge";
    public const string Calendar = "calendar";
    public const string Email = "email";
    public const string Files = "files";
    public const string Greeting = "greeting";
    public const string Help = "help";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    public const string OutOfScope = "out-of-scope";

    /// <summary>A reply the language model gave without calling a calculator or the knowledge base.</summary>
    public const string Conversation = "conversation";
}
