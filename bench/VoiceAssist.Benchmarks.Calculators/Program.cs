using System.Diagnostics;
using System.Globalization;
using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

// Calculations per second for every calculator, parsing inputs written with units as in clinical notes.
// Run in Release: dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Calculators [-- seconds-per-calculator]
// With --catalog it prints the catalog table of docs/calculators.md instead, so the document follows the code.
if (args.Contains("--catalog"))
{
    CatalogMarkdown.Print();
    return 0;
}

var secondsPerCalculator = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.5;
var samples = Samples.ByCalculator();
var missing = CalculatorCatalog.All.Where(c => !samples.ContainsKey(c.Id)).Select(c => c.Id).ToList();
if (missing.Count > 0)
{
    Console.Error.WriteLine($"No sample inputs for: {string.Join(", ", missing)}");
    return 1;
}

Console.WriteLine($"{Environment.ProcessorCount} logical processors, {RuntimeInformationText()}, {secondsPerCalculator.ToString(CultureInfo.InvariantCulture)} s per calculator, one thread");
Console.WriteLine($"{"calculator",-32} {"calculations/s",15} {"µs/calculation",15}");
long totalRuns = 0;
var totalTime = TimeSpan.Zero;
foreach (var calculator in CalculatorCatalog.All)
{
    var inputs = samples[calculator.Id];
    for (var i = 0; i < 1000; i++)
    {
        CalculatorRunner.Run(calculator, inputs);
    }

    long runs = 0;
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed.TotalSeconds < secondsPerCalculator)
    {
        for (var i = 0; i < 100; i++)
        {
            CalculatorRunner.Run(calculator, inputs);
        }

        runs += 100;
    }

    watch.Stop();
    totalRuns += runs;
    totalTime += watch.Elapsed;
    var perSecond = runs / watch.Elapsed.TotalSeconds;
    Console.WriteLine($"{calculator.Id,-32} {perSecond,15:N0} {1e6 / perSecond,15:N2}");
}

var overall = totalRuns / totalTime.TotalSeconds;
Console.WriteLine($"{"overall (all calculators)",-32} {overall,15:N0} {1e6 / overall,15:N2}");
return 0;

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

internal static class Samples
{
    public static Dictionary<string, IReadOnlyDictionary<string, CalculatorInput>> ByCalculator()
    {
        var raw = new Dictionary<string, (string, string)[]>
        {
            ["cha2ds2-vasc"] = [("age", "72 years"), ("sex", "female"), ("hypertension", "yes"), ("diabetes", "yes")],
            ["has-bled"] = [("age", "70"), ("hypertension", "yes"), ("drugs", "yes"), ("labileInr", "no")],
            ["heart"] = [("history", "moderately"), ("ecg", "normal"), ("age", "58"), ("hypertension", "yes"), ("troponin", "normal")],
            ["rcri"] = [("highRiskSurgery", "yes"), ("creatinine", "2.3 mg/dl")],
            ["grace"] = [("age", "67"), ("heartRate", "98 bpm"), ("systolicBp", "128 mmHg"), ("creatinine", "115 umol/L"), ("killipClass", "II"), ("stDeviation", "yes"), ("elevatedEnzymes", "yes")],
            ["grace-6-month"] = [("age", "71"), ("heartRate", "92 bpm"), ("systolicBp", "124 mmHg"), ("creatinine", "132 umol/L"), ("miHistory", "yes"), ("stDepression", "yes"), ("elevatedEnzymes", "yes"), ("inHospitalPci", "no")],
            ["framingham"] = [("age", "55"), ("sex", "male"), ("totalCholesterol", "5.5 mmol/L"), ("hdl", "1.2 mmol/L"), ("systolicBp", "138"), ("smoker", "yes")],
            ["qtc-bazett"] = [("qtInterval", "420 ms"), ("heartRate", "88 bpm"), ("sex", "female")],
            ["qtc-fridericia"] = [("qtInterval", "0.42 s"), ("heartRate", "88")],
            ["qtc-framingham"] = [("qtInterval", "420"), ("heartRate", "88")],
            ["qtc-hodges"] = [("qtInterval", "420"), ("heartRate", "88")],
            ["qtc-rautaharju"] = [("qtInterval", "420"), ("heartRate", "88")],
            ["map"] = [("systolicBp", "132 mmHg"), ("diastolicBp", "84 mmHg")],
            ["ldl-friedewald"] = [("totalCholesterol", "212 mg/dL"), ("hdl", "48 mg/dL"), ("triglycerides", "1.9 mmol/L")],
            ["wells-dvt"] = [("activeCancer", "yes"), ("calfSwelling", "yes"), ("pittingEdema", "yes")],
            ["wells-pe"] = [("dvtSigns", "no"), ("heartRate", "112"), ("hemoptysis", "yes")],
            ["perc"] = [("age", "34"), ("heartRate", "88"), ("oxygenSaturation", "97%")],
            ["caprini"] = [("age", "66"), ("majorOpenSurgery", "yes"), ("malignancy", "yes")],
            ["curb-65"] = [("confusion", "no"), ("bun", "24 mg/dL"), ("respiratoryRate", "26"), ("systolicBp", "104"), ("diastolicBp", "58"), ("age", "78")],
            ["psi"] = [("age", "78"), ("sex", "male"), ("chf", "yes"), ("respiratoryRate", "26"), ("systolicBp", "104"), ("temperature", "101.8 °F"), ("heartRate", "112"), ("bun", "32"), ("sodium", "131"), ("hematocrit", "34%")],
            ["centor"] = [("age", "23"), ("tonsillarExudate", "yes"), ("fever", "yes"), ("coughAbsent", "yes")],
            ["feverpain"] = [("fever", "yes"), ("purulence", "yes"), ("attendRapidly", "yes")],
            ["gcs"] = [("eye", "to voice"), ("verbal", "confused"), ("motor", "localizes pain")],
            ["qsofa"] = [("respiratoryRate", "24"), ("systolicBp", "98"), ("alteredMentation", "no")],
            ["sirs"] = [("temperature", "38.6 C"), ("heartRate", "104"), ("respiratoryRate", "22"), ("wbc", "14.2 x10^9/L")],
            ["news2"] = [("respiratoryRate", "22"), ("oxygenSaturation", "94%"), ("supplementalOxygen", "yes"), ("systolicBp", "108"), ("heartRate", "104"), ("temperature", "38.4")],
            ["sofa"] = [("pao2", "78 mmHg"), ("fio2", "40%"), ("mechanicalVentilation", "yes"), ("platelets", "96 K/uL"), ("gcs", "13"), ("bilirubin", "2.4 mg/dL"), ("meanArterialPressure", "64"), ("norepinephrine", "0.08"), ("creatinine", "2.1 mg/dL")],
            ["apache-ii"] = [("age", "68"), ("temperature", "38.9"), ("systolicBp", "92"), ("diastolicBp", "50"), ("heartRate", "118"), ("respiratoryRate", "28"), ("fio2", "0.4"), ("pao2", "68"), ("ph", "7.31"), ("sodium", "134"), ("potassium", "4.9"), ("creatinine", "1.8 mg/dL"), ("hematocrit", "31%"), ("wbc", "17.8"), ("gcs", "14"), ("diagnosticCategory", "sepsis")],
            ["cockcroft-gault"] = [("age", "67 years"), ("sex", "male"), ("weight", "198 lbs"), ("height", "5'10\""), ("creatinine", "106 umol/L")],
            ["ckd-epi-2021"] = [("age", "67"), ("sex", "female"), ("creatinine", "1.1 mg/dL")],
            ["mdrd"] = [("age", "67"), ("sex", "female"), ("creatinine", "97 µmol/L")],
            ["fena"] = [("sodium", "136"), ("creatinine", "2.4 mg/dL"), ("urineSodium", "18 mmol/L"), ("urineCreatinine", "96 mg/dL")],
            ["renal-dosing"] = [("drug", "apixaban"), ("crcl", "28")],
            ["meld-na"] = [("creatinine", "1.6 mg/dL"), ("bilirubin", "3.1 mg/dL"), ("inr", "1.7"), ("sodium", "131 mEq/L")],
            ["child-pugh"] = [("bilirubin", "2.6"), ("albumin", "29 g/L"), ("inr", "1.8"), ("ascites", "slight"), ("encephalopathy", "none")],
            ["fib-4"] = [("age", "56"), ("ast", "64 U/L"), ("alt", "52 U/L"), ("platelets", "148 x10^3/uL")],
            ["glasgow-blatchford"] = [("bun", "38 mg/dL"), ("hemoglobin", "9.8 g/dL"), ("sex", "male"), ("systolicBp", "102"), ("heartRate", "108"), ("melena", "yes")],
            ["charlson"] = [("age", "74"), ("chf", "yes"), ("diabetes", "end organ damage"), ("chronicPulmonaryDisease", "yes")],
            ["corrected-calcium"] = [("calcium", "7.9 mg/dL"), ("albumin", "2.6 g/dL")],
            ["anion-gap"] = [("sodium", "138"), ("chloride", "101"), ("bicarbonate", "15"), ("albumin", "3.1")],
            ["albumin-corrected-anion-gap"] = [("sodium", "138"), ("chloride", "101"), ("bicarbonate", "15"), ("albumin", "31 g/L")],
            ["delta-gap"] = [("sodium", "138"), ("chloride", "101"), ("bicarbonate", "15")],
            ["delta-ratio"] = [("sodium", "138"), ("chloride", "101"), ("bicarbonate", "15")],
            ["albumin-corrected-delta-gap"] = [("sodium", "138"), ("chloride", "101"), ("bicarbonate", "15"), ("albumin", "3.1")],
            ["albumin-corrected-delta-ratio"] = [("sodium", "138"), ("chloride", "101"), ("bicarbonate", "15"), ("albumin", "3.1")],
            ["serum-osmolality"] = [("sodium", "141"), ("glucose", "12.4 mmol/L"), ("bun", "8.9 mmol/L")],
            ["free-water-deficit"] = [("age", "81"), ("sex", "female"), ("weight", "58 kg"), ("sodium", "158")],
            ["sodium-correction"] = [("sodium", "128"), ("glucose", "684 mg/dl")],
            ["maintenance-fluids"] = [("weight", "23 kg")],
            ["homa-ir"] = [("insulin", "14 uIU/mL"), ("glucose", "5.8 mmol/L")],
            ["bmi"] = [("weight", "182 lbs"), ("height", "5 ft 8 in")],
            ["bsa"] = [("weight", "82 kg"), ("height", "176 cm")],
            ["ideal-body-weight"] = [("sex", "female"), ("height", "165 cm")],
            ["adjusted-body-weight"] = [("sex", "female"), ("height", "165 cm"), ("weight", "96 kg")],
            ["target-weight"] = [("height", "1.72 m"), ("targetBmi", "24")],
            ["mme"] = [("oxycodoneDose", "10 mg"), ("oxycodoneDosesPerDay", "4"), ("fentanylPatchDose", "25 mcg/hr")],
            ["steroid-conversion"] = [("fromSteroid", "prednisone"), ("dose", "40 mg"), ("toSteroid", "dexamethasone")],
            ["due-date"] = [("lastMenstrualPeriod", "03/14/2025"), ("cycleLength", "30")],
            ["gestational-age"] = [("lastMenstrualPeriod", "2025-03-14"), ("currentDate", "2025-09-02")],
            ["conception-date"] = [("lastMenstrualPeriod", "2025-03-14")],
        };
        return raw.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyDictionary<string, CalculatorInput>)kv.Value.ToDictionary(i => i.Item1, i => new CalculatorInput(i.Item2)));
    }
}

internal static class CatalogMarkdown
{
    public static void Print()
    {
        Console.WriteLine("| id | calculator | result | inputs (name: unit, range; * optional) | source |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var calculator in CalculatorCatalog.All)
        {
            var inputs = string.Join("; ", calculator.Inputs.Select(Describe));
            var sources = string.Join(" ", calculator.Sources.Select(s => s.Citation + (s.Doi is null ? string.Empty : $" doi:{s.Doi}") + (s.Pmid is null ? string.Empty : $" PMID {s.Pmid}")));
            Console.WriteLine($"| `{calculator.Id}` | {calculator.Name} | {(calculator.ResultUnit.Length == 0 ? "ratio" : calculator.ResultUnit)} | {inputs} | {sources.Replace("|", "/", StringComparison.Ordinal)} |");
        }
    }

    private static string Describe(InputSpec spec)
    {
        var optional = spec.Required ? string.Empty : "*";
        return spec.Kind switch
        {
            InputKind.Number => $"`{spec.Name}`{optional}: {string.Join("/", spec.Quantity!.AcceptedUnits.Where(u => u.Length > 0).DefaultIfEmpty("number"))}, {Fmt(spec.Min)}–{Fmt(spec.Max)}",
            InputKind.Choice => $"`{spec.Name}`{optional}: {string.Join("/", spec.Choices.Select(c => c.Value))}",
            InputKind.Boolean => $"`{spec.Name}`*: yes/no",
            _ => $"`{spec.Name}`{optional}: date",
        };
    }

    private static string Fmt(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;
}
