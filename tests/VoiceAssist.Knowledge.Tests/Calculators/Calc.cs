using FluentValidation;
using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Tests.Calculators;

/// <summary>Runs a catalog calculator with inputs written as they would be said or typed: ("creatinine", "97 umol/L").</summary>
internal static class Calc
{
    public static CalculatorResult Run(string id, params (string Name, string Value)[] inputs)
    {
        var calculator = CalculatorCatalog.Find(id) ?? throw new InvalidOperationException($"No calculator '{id}'.");
        return CalculatorRunner.Run(calculator, inputs.ToDictionary(i => i.Name, i => new CalculatorInput(i.Value)));
    }

    /// <summary>The headline value as displayed (rounded to the calculator's display precision).</summary>
    public static double Value(string id, params (string Name, string Value)[] inputs) => Run(id, inputs).RoundedValue!.Value;

    /// <summary>The field errors a run fails with, keyed by property name ("inputs.creatinine").</summary>
    public static IReadOnlyDictionary<string, string> Errors(string id, params (string Name, string Value)[] inputs)
    {
        var act = () => Run(id, inputs);
        var failure = act.Should().Throw<ValidationException>().Which;
        return failure.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.ErrorMessage)));
    }

    public static double Points(this CalculatorResult result, string criterionStart) =>
        result.Breakdown.Single(b => b.Criterion.StartsWith(criterionStart, StringComparison.Ordinal)).Points;

    /// <summary>A secondary value as displayed (rounded to its display precision).</summary>
    public static double Output(this CalculatorResult result, string name) => result.Outputs.Single(o => o.Name == name).RoundedValue!.Value;
}
