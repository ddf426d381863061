using System.Text.Json;
using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.RenalDosing;

/// <summary>Looks up the dose adjustment for a drug at a given creatinine clearance or eGFR in the reviewed table
/// embedded as <c>renal-dosing.json</c>: data, not code, each row citing its label or guideline.</summary>
internal sealed class RenalDosingCalculator : Calculator
{
    private static readonly RenalDosingTable Table = Load();

    public override string Id => "renal-dosing";
    public override string Name => "Renal dose adjustment";
    public override string Description => "Recommended dose adjustment of commonly adjusted drugs by creatinine clearance or eGFR band, from the drug's label or guideline.";
    public override string Category => "Pharmacology";
    public override string ResultUnit => "mL/min";
    public override IReadOnlyList<string> Aliases => ["renal-dose", "renal-dose-adjustment", "kidney-dosing"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Choice("drug", "Drug", "Which drug do you want to dose?", [.. Table.Drugs.Select(d => new ChoiceOption(d.Drug, $"{d.Drug} ({d.Indication})", null, [.. d.Synonyms]))], "medication", "drug name", "medicine"),
        In.Number("crcl", "Creatinine clearance (Cockcroft–Gault)", Quantities.Rate, 0, 250, "What is the creatinine clearance?", "creatinine clearance", "cockcroft gault", "crcl ml/min", "clearance").Optional(),
        In.Number("egfr", "eGFR", Quantities.Rate, 0, 250, "What is the eGFR?", "gfr", "estimated gfr", "ckd-epi", "egfr ml/min/1.73m2").Optional(),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
        [.. Table.Drugs.Select(d => d.Source).Distinct(StringComparer.Ordinal).Select(s => new CalculatorSource(s))];

    public override IReadOnlyList<string> Notes { get; } =
    [
        $"Reviewed table ({Table.Reviewed}). {Table.Scope}",
        $"{Table.Boundaries} Labels are written for Cockcroft–Gault CrCl and guidelines for eGFR; when only the other measure is given it is used as a substitute and the result says so.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var drug = Table.Drugs.First(d => d.Drug == args.Choice("drug"));
        var (crcl, egfr) = (args.OptionalNumber("crcl"), args.OptionalNumber("egfr"));
        if (crcl is null && egfr is null)
        {
            throw new CalculatorInputException(drug.Measure == "eGFR" ? "egfr" : "crcl", "Creatinine clearance (crcl) or eGFR (egfr) is required (0–250 mL/min).");
        }

        var preferEgfr = drug.Measure == "eGFR";
        var (value, measureUsed) = preferEgfr ? (egfr ?? crcl!.Value, egfr is null ? "CrCl" : "eGFR") : (crcl ?? egfr!.Value, crcl is null ? "eGFR" : "CrCl");
        var band = drug.Bands.First(b => drug.Contains(b, value));
        var range = drug.Describe(band);
        var notes = new List<string> { $"Source: {drug.Source}" };
        if (measureUsed != drug.Measure)
        {
            notes.Add($"The table for {drug.Drug} is written for {drug.Measure}; {measureUsed} was used in its place.");
        }

        return new Outcome(value, $"{measureUsed} {Format.Number(value, 0)} mL/min", $"{drug.Measure} {range} mL/min", $"{drug.Drug} ({drug.Indication}): {band.Recommendation}")
        {
            RoundedValue = Outcome.Round(value, 0),
            Notes = notes,
            Outputs = [.. drug.Bands.Select(b => new CalculatorOutput($"{drug.Measure} {drug.Describe(b)}", b.Recommendation, null, string.Empty, b.Recommendation))],
        };
    }

    private static RenalDosingTable Load()
    {
        using var stream = typeof(RenalDosingCalculator).Assembly.GetManifestResourceStream(typeof(RenalDosingCalculator).Namespace + ".renal-dosing.json")
            ?? throw new InvalidOperationException("The renal dosing table is not embedded in the assembly.");
        return JsonSerializer.Deserialize<RenalDosingTable>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The renal dosing table is empty.");
    }
}

internal sealed record RenalDosingTable(string Reviewed, string Boundaries, string Scope, IReadOnlyList<RenalDosingDrug> Drugs);

internal sealed record RenalDosingDrug(string Drug, IReadOnlyList<string> Synonyms, string Indication, string Measure, string Source, IReadOnlyList<RenalDosingBand> Bands, string? Boundary = null)
{
    private bool UpperInclusive => Boundary == "upper";

    /// <summary>Whether a kidney function value falls in the band: [min, max) by default, (min, max] where the label
    /// includes the upper bound; the lowest band always includes zero.</summary>
    public bool Contains(RenalDosingBand band, double value) => UpperInclusive
        ? (value > band.Min || band.Min == 0) && (band.Max is null || value <= band.Max)
        : value >= band.Min && (band.Max is null || value < band.Max);

    public string Describe(RenalDosingBand band) => (UpperInclusive, band.Max) switch
    {
        (false, null) => $"≥ {band.Min}",
        (false, { } max) => $"{band.Min}–<{max}",
        (true, null) => $"> {band.Min}",
        (true, { } max) => band.Min == 0 ? $"≤ {max}" : $"> {band.Min}–{max}",
    };
}

internal sealed record RenalDosingBand(double Min, double? Max, string Recommendation);
