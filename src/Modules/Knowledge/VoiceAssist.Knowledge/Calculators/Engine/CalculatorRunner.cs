using FluentValidation;
using FluentValidation.Results;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>Reads the inputs, runs the calculator and assembles the published result; any unusable input becomes a
/// <see cref="ValidationException"/> naming <c>inputs.&lt;field&gt;</c>, which the host returns as a 400.</summary>
internal static class CalculatorRunner
{
    public static CalculatorResult Run(Calculator calculator, IReadOnlyDictionary<string, CalculatorInput> inputs)
    {
        var errors = new List<(string Field, string Message)>();
        var notes = new List<string>();
        var args = InputReader.Read(calculator, inputs, errors, notes);
        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        Outcome outcome;
        try
        {
            outcome = calculator.Calculate(args);
        }
        catch (CalculatorInputException ex)
        {
            throw Invalid([(ex.Field, ex.Message)]);
        }

        var assumed = calculator.Inputs
            .Where(s => s.Kind == InputKind.Boolean && args.WasDefaulted(s.Name))
            .Select(s => s.Label)
            .ToList();
        if (assumed.Count > 0)
        {
            notes.Add($"Not stated, counted as absent: {string.Join("; ", assumed)}.");
        }

        return new CalculatorResult(
            calculator.Id,
            calculator.Name,
            outcome.Value,
            calculator.ResultUnit,
            outcome.DisplayValue,
            outcome.Category,
            outcome.Interpretation,
            outcome.Breakdown,
            outcome.Outputs,
            calculator.Sources,
            [.. outcome.Notes, .. notes])
        {
            RoundedValue = outcome.RoundedValue,
        };
    }

    private static ValidationException Invalid(IEnumerable<(string Field, string Message)> errors) =>
        new(errors.Select(e => new ValidationFailure($"inputs.{e.Field}", e.Message)));
}
