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
    Understood Understood)
{
    /// <summary>The ranked differential, when the turn asked for one.</summary>
    public DifferentialOutcome? Differential { get; init; }

    /// <summary>The events card, when the turn was about the calendar.</summary>
    public Calendar.CalendarOutcome? Calendar { get; init; }
}

/// <summary>A differential diagnosis as the turn shows it. <c>Status</c>: <see cref="DifferentialStatuses"/>.
/// <c>Items</c>: most likely first, each kept only with a citation of a knowledge base passage. <c>Calculators</c>: the
/// calculators that fit the presentation, offered to run next. <c>Dropped</c>: diagnoses the model gave that the
/// citation check removed. <c>SafetyNotice</c>: shown beside a ranked differential on screen; null otherwise.</summary>
internal sealed record DifferentialOutcome(
    string Status,
    IReadOnlyList<DifferentialItem> Items,
    IReadOnlyList<SuggestedCalculator> Calculators,
    IReadOnlyList<string> Dropped,
    string? SafetyNotice);

/// <summary>One diagnosis: its rank, why (the kept sentences), the turn's citation numbers behind it, and the
/// calculators that would test it next.</summary>
internal sealed record DifferentialItem(int Rank, string Diagnosis, string Reason, IReadOnlyList<int> Citations, IReadOnlyList<SuggestedCalculator> Calculators);

internal sealed record SuggestedCalculator(string Id, string Name);

internal static class DifferentialStatuses
{
    /// <summary>The model gave a differential and at least one item kept a citation.</summary>
    public const string Ranked = "ranked";

    /// <summary>No language model is configured: only the calculators are offered.</summary>
    public const string NeedsModel = "needs-model";

    /// <summary>The model could not be reached or its reply could not be read.</summary>
    public const string ModelUnavailable = "model-unavailable";

    /// <summary>Nothing in the knowledge base matched, or no item the model gave kept a citation.</summary>
    public const string NotGrounded = "not-grounded";
}

/// <summary>A calculator's result as the turn shows it. <c>Value</c> is full precision; <c>RoundedValue</c> is the number
/// <c>DisplayValue</c> shows, which already carries the unit. <c>AssumedAbsent</c>: the criteria counted as absent
/// because they were not mentioned; <c>Defaulted</c>: optional inputs taken at their default.</summary>
internal sealed record CalculatorOutcome(
    string Id,
    string Name,
    double? Value,
    double? RoundedValue,
    string Unit,
    string DisplayValue,
    string? Category,
    string Interpretation,
    IReadOnlyList<CalculatorPoint> Breakdown,
    IReadOnlyList<CalculatorSource> Sources)
{
    public IReadOnlyList<string> AssumedAbsent { get; init; } = [];

    public IReadOnlyList<string> Defaulted { get; init; } = [];

    public static CalculatorOutcome From(CalculatorResult result) => new(
        result.CalculatorId, result.Name, result.Value, result.RoundedValue, result.Unit, result.DisplayValue, result.Category, result.Interpretation, result.Breakdown, result.Sources);
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

    /// <summary>The clinician's task list (VTODO on the linked calendar).</summary>
    public const string Tasks = "tasks";
    public const string Greeting = "greeting";
    public const string Help = "help";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    public const string OutOfScope = "out-of-scope";

    /// <summary>A differential diagnosis for a presentation.</summary>
    public const string Differential = "differential";

    /// <summary>A reply the language model gave without calling a calculator or the knowledge base.</summary>
    public const string Conversation = "conversation";
}
