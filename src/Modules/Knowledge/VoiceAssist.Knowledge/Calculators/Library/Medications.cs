using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Total daily morphine milligram equivalents.</summary>
internal sealed class MorphineEquivalentsCalculator : Calculator
{
    private sealed record Opioid(string Name, string Label, double Factor2022, double Factor2016, Quantity Unit, bool PerDose, string[] Synonyms);

    private static readonly Opioid[] Opioids =
    [
        new("codeine", "Codeine", 0.15, 0.15, Quantities.Mass, true, ["tylenol 3"]),
        new("fentanylPatch", "Fentanyl transdermal (µg/h)", 2.4, 2.4, Quantities.MicrogramsPerHour, false, ["fentanyl patch", "transdermal fentanyl", "duragesic", "fentanyl transdermal"]),
        new("fentanylBuccal", "Fentanyl buccal or sublingual (µg)", 0.13, 0.13, Quantities.Micrograms, true, ["fentanyl buccal", "fentanyl sublingual", "fentora", "fentanyl lozenge"]),
        new("hydrocodone", "Hydrocodone", 1, 1, Quantities.Mass, true, ["norco", "vicodin"]),
        new("hydromorphone", "Hydromorphone", 5, 4, Quantities.Mass, true, ["dilaudid"]),
        new("methadone", "Methadone", 4.7, double.NaN, Quantities.Mass, true, ["dolophine"]),
        new("morphine", "Morphine", 1, 1, Quantities.Mass, true, ["ms contin", "morphine sulfate"]),
        new("oxycodone", "Oxycodone", 1.5, 1.5, Quantities.Mass, true, ["oxycontin", "percocet", "roxicodone"]),
        new("oxymorphone", "Oxymorphone", 3, 3, Quantities.Mass, true, ["opana"]),
        new("tapentadol", "Tapentadol", 0.4, 0.4, Quantities.Mass, true, ["nucynta"]),
        new("tramadol", "Tramadol", 0.2, 0.1, Quantities.Mass, true, ["ultram"]),
    ];

    public override string Id => "mme";
    public override string Name => "Morphine milligram equivalents (MME/day)";
    public override string Description => "Total daily opioid dose in morphine milligram equivalents: Σ dose × doses per day × conversion factor (CDC 2022 factors by default).";
    public override string Category => "Pharmacology";
    public override string ResultUnit => "MME/day";
    public override IReadOnlyList<string> Aliases => ["morphine-milligram-equivalents", "morphine-equivalents", "opioid-conversion", "mme-calculator"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        .. Opioids.SelectMany(o => o.PerDose
            ? new[]
            {
                In.Number(o.Name + "Dose", $"{o.Label} dose", o.Unit, 0, 100000, $"How much {o.Label.ToLowerInvariant()} per dose?", [o.Name, .. o.Synonyms, o.Name + " dose"]).Optional(),
                In.Number(o.Name + "DosesPerDay", $"{o.Label} doses per day", Quantities.PerDay, 0, 48, $"How many doses of {o.Label.ToLowerInvariant()} a day?", o.Name + " doses per day", o.Name + " dose per day", o.Name + " frequency").Optional(1.0),
            }
            : [In.Number(o.Name + "Dose", o.Label, o.Unit, 0, 1000, "What fentanyl patch strength, in micrograms per hour?", [o.Name, .. o.Synonyms, o.Name + " dose"]).Optional()]),
        In.Choice("guideline", "Conversion factors", "Which conversion factors: CDC 2022 or CDC 2016?",
            [new("cdc-2022", "CDC 2022 (default)", null, "2022", "cdc2022", "current"), new("cdc-2016", "CDC 2016 (tiered methadone)", null, "2016", "cdc2016")],
            "conversion table", "factors").Optional("cdc-2022"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R. CDC Clinical Practice Guideline for Prescribing Opioids for Pain — United States, 2022. MMWR Recomm Rep. 2022;71(3):1-95.", "10.15585/mmwr.rr7103a1", "36327391"),
        new("Dowell D, Haegerich TM, Chou R. CDC Guideline for Prescribing Opioids for Chronic Pain — United States, 2016. MMWR Recomm Rep. 2016;65(1):1-49.", "10.15585/mmwr.rr6501e1", "26987082"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
    [
        "Doses are per administration; doses per day default to 1. Fentanyl patch strength (µg/h) is multiplied by 2.4 directly. Fentanyl buccal/sublingual uses the 2016 factor of 0.13 per µg.",
        "Buprenorphine has no MME factor for this purpose (partial agonist) and is not accepted. MME is a prescribing-risk measure, not a dose-conversion tool.",
    ];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var use2016 = args.Choice("guideline") == "cdc-2016";
        var sheet = new ScoreSheet(args);
        var any = false;
        foreach (var opioid in Opioids)
        {
            if (args.OptionalNumber(opioid.Name + "Dose") is not { } dose)
            {
                continue;
            }

            any = true;
            var perDay = opioid.PerDose ? args.Number(opioid.Name + "DosesPerDay") : 1;
            var daily = dose * perDay;
            var factor = use2016 ? (opioid.Name == "methadone" ? Methadone2016(daily) : opioid.Factor2016) : opioid.Factor2022;
            var unit = opioid.Unit.CanonicalUnit;
            var shown = opioid.PerDose ? $"{Format.Number(dose)} {unit} × {Format.Number(perDay)}/day × {Format.Number(factor)}" : $"{Format.Number(dose)} {unit} × {Format.Number(factor)}";
            sheet.Add(opioid.Label, shown, daily * factor);
        }

        if (!any)
        {
            throw new CalculatorInputException("morphineDose", "At least one opioid dose is required, e.g. oxycodoneDose with oxycodoneDosesPerDay.");
        }

        var mme = sheet.Total;
        var (category, meaning) = mme switch
        {
            >= 90 => ("≥ 90 MME/day", "At or above 90 MME/day: substantially higher overdose risk; avoid or carefully justify (CDC)."),
            >= 50 => ("50–89 MME/day", "50 MME/day or more: increased overdose risk; reassess benefits and risks (CDC)."),
            _ => ("< 50 MME/day", "Below 50 MME/day."),
        };
        return new Outcome(mme, $"{Format.Number(mme, 1)} MME/day", category, meaning) { RoundedValue = Outcome.Round(mme, 1), Breakdown = sheet.Items };
    }

    /// <summary>CDC 2016 tiered methadone factors by total daily dose.</summary>
    private static double Methadone2016(double dailyMg) => dailyMg switch { <= 20 => 4, <= 40 => 8, <= 60 => 10, _ => 12 };
}

/// <summary>Equivalent doses of systemic corticosteroids (glucocorticoid potency).</summary>
internal sealed class SteroidConversionCalculator : Calculator
{
    private static readonly IReadOnlyList<ChoiceOption> Steroids =
    [
        new("betamethasone", "Betamethasone (0.75 mg)", 0.75, "celestone"),
        new("cortisone", "Cortisone (25 mg)", 25, "cortisone acetate"),
        new("dexamethasone", "Dexamethasone (0.75 mg)", 0.75, "decadron", "dex"),
        new("hydrocortisone", "Hydrocortisone (20 mg)", 20, "solu-cortef", "cortef", "cortisol"),
        new("methylprednisolone", "Methylprednisolone (4 mg)", 4, "solu-medrol", "medrol", "methylpred", "solumedrol"),
        new("prednisolone", "Prednisolone (5 mg)", 5, "orapred", "pred forte"),
        new("prednisone", "Prednisone (5 mg)", 5, "deltasone", "pred"),
        new("triamcinolone", "Triamcinolone (4 mg)", 4, "kenalog", "aristocort"),
    ];

    public override string Id => "steroid-conversion";
    public override string Name => "Steroid conversion (glucocorticoid equivalents)";
    public override string Description => "Converts a systemic glucocorticoid dose to the equivalent dose of another: 20 mg hydrocortisone ≈ 25 mg cortisone ≈ 5 mg prednisone or prednisolone ≈ 4 mg methylprednisolone or triamcinolone ≈ 0.75 mg dexamethasone or betamethasone.";
    public override string Category => "Pharmacology";
    public override string ResultUnit => "mg";
    public override IReadOnlyList<string> Aliases => ["steroid-converter", "corticosteroid-conversion", "steroid-equivalents"];

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        In.Choice("fromSteroid", "Current steroid", "Which steroid is the patient taking?", Steroids, "from", "input steroid", "current steroid", "steroid", "from steroid"),
        In.Number("dose", "Current dose", Quantities.Mass, 0.01, 10000, "What is the dose, in milligrams?", "input dose", "steroid dose", "from dose", "amount"),
        In.Choice("toSteroid", "Target steroid", "Which steroid should it be converted to?", Steroids, "to", "target steroid", "target", "convert to", "to steroid"),
    ];

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("Liu D, Ahmet A, Ward L, et al. A practical guide to the monitoring and management of the complications of systemic corticosteroid therapy. Allergy Asthma Clin Immunol. 2013;9(1):30.", "10.1186/1710-1492-9-30", "23947590"),
        new("Meikle AW, Tyler FH. Potency and duration of action of glucocorticoids. Effects of hydrocortisone, prednisone and dexamethasone on human pituitary-adrenal function. Am J Med. 1977;63(2):200-207."),
    ];

    public override IReadOnlyList<string> Notes { get; } =
        ["Equivalence is of glucocorticoid (anti-inflammatory) effect for oral and intravenous routes; mineralocorticoid effect and duration of action differ. Some tables give betamethasone as 0.6 mg."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var from = Steroids.First(s => s.Value == args.Choice("fromSteroid"));
        var to = Steroids.First(s => s.Value == args.Choice("toSteroid"));
        var dose = args.Number("dose");
        var equivalent = dose / from.Number!.Value * to.Number!.Value;
        return Outcome.Measure(equivalent, 2, ResultUnit, null, $"{Format.Number(dose)} mg {from.Value} ≈ {Format.Number(equivalent)} mg {to.Value}.") with
        {
            Outputs = [.. Steroids.Select(s => Outcome.Output(s.Value, s.Value, dose / from.Number!.Value * s.Number!.Value, 2, "mg"))],
        };
    }
}
