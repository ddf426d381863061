using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.RunCalculator;

/// <summary><c>POST /api/calculators/{id}</c> with <c>{ "inputs": { "age": 72, "creatinine": { "value": 97, "unit": "µmol/L" } } }</c>.</summary>
internal static class RunCalculatorEndpoint
{
    public static void Map(RouteGroupBuilder calculators) =>
        calculators.MapPost("/{id}", (string id, JsonElement body, ISender sender, CancellationToken ct) =>
            sender.Send(new Contracts.Calculators.RunCalculator(id, ReadInputs(body)), ct))
        .WithName("RunCalculator")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Takes the <c>inputs</c> object, or the whole body when it has no <c>inputs</c> property. A value may be
    /// a number, string or boolean, or an object with <c>value</c> and <c>unit</c>.</summary>
    internal static Dictionary<string, CalculatorInput> ReadInputs(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("inputs", "The body must be a JSON object with an 'inputs' object.")]);
        }

        var inputs = body.TryGetProperty("inputs", out var nested) ? nested : body;
        if (inputs.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("inputs", "'inputs' must be an object of input names to values.")]);
        }

        var result = new Dictionary<string, CalculatorInput>(StringComparer.Ordinal);
        var failures = new List<ValidationFailure>();
        foreach (var property in inputs.EnumerateObject())
        {
            var element = property.Value;
            string? unit = null;
            if (element.ValueKind == JsonValueKind.Object)
            {
                unit = Text(element, "unit") ?? Text(element, "units");
                element = element.TryGetProperty("value", out var inner) ? inner : default;
            }

            var value = Scalar(element);
            if (value is null)
            {
                if (element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    failures.Add(new ValidationFailure($"inputs.{property.Name}", "Each input must be a number, string or boolean, or { \"value\": ..., \"unit\": \"...\" }."));
                }

                continue;
            }

            result[property.Name] = new CalculatorInput(value, unit);
        }

        return failures.Count > 0 ? throw new ValidationException(failures) : result;
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => null,
        } : null;
}
