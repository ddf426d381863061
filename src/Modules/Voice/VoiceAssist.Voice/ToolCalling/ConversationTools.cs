using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.AI;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Knowledge;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.ToolCalling;

/// <summary>The functions the model may call, declared with explicit JSON schemas (the wire contract) and carried out
/// through the Knowledge module's contracts: the same calculators and knowledge base as the offline engine.</summary>
internal sealed class ConversationTools(ISender sender, CalculatorDirectory directory, IKnowledgeAnswers knowledge)
{
    public const string RunCalculatorName = "run_calculator";
    public const string ListCalculatorsName = "list_calculators";
    public const string AnswerQuestionName = "answer_question";
    public const string SearchKnowledgeName = "search_knowledge";

    private const string InputsArgument = "inputs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IList<AITool> Declarations { get; } =
    [
        AIFunctionFactory.CreateDeclaration(
            ListCalculatorsName,
            "Lists the validated clinical calculators: id, name, and each input's name, kind, unit, whether it is required and its allowed choices. Optionally filtered by words of the name or category.",
            Schema("""{"type":"object","properties":{"query":{"type":"string","description":"Words of the calculator's name or category, e.g. \"wells\" or \"renal\". Omit to list all."}}}""")),
        AIFunctionFactory.CreateDeclaration(
            RunCalculatorName,
            "Runs one validated clinical calculator. Never compute a score yourself. Pass every input the clinician gave, keyed by the input names from list_calculators, values as said with their unit (\"1.4 mg/dL\", \"70 kg\", \"yes\"). Omit inputs that were not given; missing ones are asked for.",
            Schema("""{"type":"object","properties":{"calculator_id":{"type":"string","description":"The calculator id, e.g. \"cha2ds2-vasc\"."},"inputs":{"type":"object","description":"Input name to value, with the unit when one was given.","additionalProperties":{"type":"string"}}},"required":["calculator_id","inputs"]}""")),
        AIFunctionFactory.CreateDeclaration(
            AnswerQuestionName,
            "Answers a clinical question from the curated knowledge base with cited sentences taken word for word from it. Use for any clinical knowledge question.",
            Schema("""{"type":"object","properties":{"question":{"type":"string","description":"The clinical question, complete and self-contained."}},"required":["question"]}""")),
        AIFunctionFactory.CreateDeclaration(
            SearchKnowledgeName,
            "Finds the passages of the knowledge base that best match a query, best first, with title, page and section.",
            Schema("""{"type":"object","properties":{"query":{"type":"string","description":"Keywords or a question."}},"required":["query"]}""")),
    ];

    /// <summary>Carries out one call. <paramref name="callerId"/> is the clinician whose conversation it is: the knowledge
    /// functions search their own patient documents too.</summary>
    public async Task<ToolOutcome> Invoke(FunctionCallContent call, string? callerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments ?? new Dictionary<string, object?>();
        return call.Name switch
        {
            ListCalculatorsName => await ListCalculators(Text(arguments, "query"), cancellationToken),
            RunCalculatorName => await RunCalculator(Text(arguments, "calculator_id"), Inputs(arguments), cancellationToken),
            AnswerQuestionName => await AnswerQuestion(Text(arguments, "question"), callerId, cancellationToken),
            SearchKnowledgeName => await SearchKnowledge(Text(arguments, "query"), callerId, cancellationToken),
            _ => ToolOutcome.Error($"There is no function named {call.Name}."),
        };
    }

    private async Task<ToolOutcome> ListCalculators(string? query, CancellationToken cancellationToken)
    {
        var catalog = await directory.Get(sender, cancellationToken);
        var words = (query ?? string.Empty).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var listed = catalog.All
            .Where(c => words.Length == 0 || words.Any(w => $"{c.Id} {c.Name} {c.Category}".Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new
            {
                id = c.Id,
                name = c.Name,
                category = c.Category,
                inputs = c.Inputs.Select(i => new { name = i.Name, kind = i.Kind, unit = i.Unit, required = i.Required && i.DefaultValue is null, choices = i.Choices.Select(o => o.Value) }),
            });
        return ToolOutcome.Data(JsonSerializer.Serialize(listed, Json));
    }

    private async Task<ToolOutcome> RunCalculator(string? id, Dictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var catalog = await directory.Get(sender, cancellationToken);
        if ((catalog.Find(id) ?? catalog.All.FirstOrDefault(c => string.Equals(c.Name, id, StringComparison.OrdinalIgnoreCase))) is not { } calculator)
        {
            return ToolOutcome.Error($"There is no calculator '{id}'. Call {ListCalculatorsName} for the ids.");
        }

        var slots = inputs.ToDictionary(i => i.Key, i => SlotOf(i.Value), StringComparer.Ordinal);
        try
        {
            var result = await sender.Send(new RunCalculator(calculator.Id, inputs.ToDictionary(i => i.Key, i => new CalculatorInput(i.Value), StringComparer.Ordinal)), cancellationToken);
            var summary = new { result.CalculatorId, result.Name, result.Value, result.Unit, result.DisplayValue, result.Category, result.Interpretation, result.Notes };
            return new ToolOutcome(JsonSerializer.Serialize(summary, Json)) { Calculator = calculator, Slots = slots, Result = CalculatorOutcome.From(result) };
        }
        catch (ValidationException invalid) when (invalid.Errors.FirstOrDefault() is { } error
            && calculator.Inputs.FirstOrDefault(i => "inputs." + i.Name == error.PropertyName) is { } field)
        {
            // A missing or impossible input ends the turn with the question for it, as in the offline engine.
            var given = inputs.Keys.Any(k => Normalize(k) == Normalize(field.Name) || field.Synonyms.Any(s => Normalize(s) == Normalize(k)));
            slots.Remove(field.Name);
            var preface = given ? error.ErrorMessage.TrimEnd('.') + "." : $"For the {calculator.Name} I still need the {Lower(field.Label)}.";
            return new ToolOutcome(JsonSerializer.Serialize(new { needs = field.Name, question = field.Prompt }, Json))
            {
                Calculator = calculator,
                Slots = slots,
                Missing = field,
                Clarification = $"{preface} {field.Prompt}",
            };
        }
        catch (ValidationException invalid)
        {
            return ToolOutcome.Error(string.Join(" ", invalid.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
        }
        catch (NotFoundException)
        {
            return ToolOutcome.Error($"There is no calculator '{id}'. Call {ListCalculatorsName} for the ids.");
        }
    }

    private async Task<ToolOutcome> AnswerQuestion(string? question, string? callerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return ToolOutcome.Error("A question is required.");
        }

        var answer = await knowledge.Answer(question, callerId, cancellationToken);
        var text = answer.Found || !answer.Available ? answer.Text : "Nothing in the knowledge base answers that.";
        return new ToolOutcome(JsonSerializer.Serialize(new { found = answer.Found, answer = text, citations = answer.Citations.Select(c => new { number = c.Number, title = c.Title, reference = c.Reference }) }, Json))
        {
            Question = question,
            Citations = answer.Citations,
        };
    }

    private async Task<ToolOutcome> SearchKnowledge(string? query, string? callerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return ToolOutcome.Error("A query is required.");
        }

        var results = await sender.Send(new SearchKnowledge(query, TopK: 5, CallerId: callerId), cancellationToken);
        var passages = results.Passages.Select(p => new { title = p.Title, page = p.Page, section = p.Section, text = p.Text });
        return new ToolOutcome(JsonSerializer.Serialize(new { passages }, Json)) { Question = query };
    }

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string? Text(IDictionary<string, object?> arguments, string name) => arguments.TryGetValue(name, out var value) ? ValueText(value) : null;

    /// <summary>The inputs object, its values as strings: "72", "yes", or a number and unit ({"value": 1.4, "unit": "mg/dL"}).</summary>
    private static Dictionary<string, string> Inputs(IDictionary<string, object?> arguments)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = arguments.TryGetValue(InputsArgument, out var value) ? value : null;
        var node = raw switch
        {
            JsonElement element when element.ValueKind == JsonValueKind.Object => JsonNode.Parse(element.GetRawText()) as JsonObject,
            JsonElement element when element.ValueKind == JsonValueKind.String => TryParse(element.GetString()),
            string text => TryParse(text),
            _ => null,
        };
        foreach (var (name, item) in node ?? [])
        {
            var text = item switch
            {
                JsonObject pair => $"{pair["value"]} {pair["unit"]}".Trim(),
                JsonValue scalar => scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                inputs[name] = text;
            }
        }

        return inputs;
    }

    private static JsonObject? TryParse(string? text)
    {
        try
        {
            return text is null ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ValueText(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static SlotValue SlotOf(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && double.TryParse(text[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? new SlotValue(text[..space], text[(space + 1)..])
            : new SlotValue(text, null);
    }

    private static string Normalize(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string Lower(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
}

/// <summary>What one function call produced: the text handed back to the model, and what the turn shows the clinician.</summary>
internal sealed record ToolOutcome(string Content)
{
    public CalculatorDescriptor? Calculator { get; init; }

    public Dictionary<string, SlotValue>? Slots { get; init; }

    public CalculatorOutcome? Result { get; init; }

    public CalculatorInputDescriptor? Missing { get; init; }

    /// <summary>Set when the turn must end with this question to the clinician instead of going back to the model.</summary>
    public string? Clarification { get; init; }

    public string? Question { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public static ToolOutcome Error(string message) => new(JsonSerializer.Serialize(new { error = message }));

    public static ToolOutcome Data(string json) => new(json);
}
