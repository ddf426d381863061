namespace VoiceAssist.Knowledge.Calculators.Engine;

/// <summary>The quantities calculators read, with the unit conversions clinical notes need. Molar conversions use
/// the molar masses stated beside each factor.</summary>
internal static class Quantities
{
    private static readonly string[] MgPerDl = ["mg/dl", "mg/100ml", "mg%", "mgdl", "mg per dl", "milligrams per deciliter", "milligrams per decilitre"];
    private static readonly string[] MmolPerL = ["mmol/l", "mmol", "millimoles per liter", "millimoles per litre", "mmol/litre", "mm"];
    private static readonly string[] MEqPerL = ["mmol/l", "meq/l", "meq", "mmol", "milliequivalents per liter", "milliequivalents per litre"];
    private static readonly string[] PerMinute = ["/min", "bpm", "beats/min", "beats per minute", "breaths/min", "breaths per minute", "min-1", "/minute", "per min", "per minute", "rpm", "bpm."];
    private static readonly string[] ThousandPerMicrolitre =
        ["x10^9/l", "10^9/l", "x10e9/l", "10e9/l", "10*9/l", "g/l", "x10^3/ul", "10^3/ul", "x10^3/mm3", "10^3/mm3", "k/ul", "k/mm3", "thou/ul", "x1000/ul", "x10^3/mcl", "10^3/mcl", "k/mcl", "10^3/microliter", "thousand/ul", "k", "x10^3", "x10^9"];

    /// <summary>Creatinine, 113.12 g/mol: 1 mg/dL = 88.4 µmol/L.</summary>
    public static Quantity Creatinine { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("µmol/L", v => v / 88.4, "umol/l", "micromol/l", "micromoles per liter", "micromoles per litre", "mcmol/l", "umol")
        .Unit("mmol/L", v => v * 1000 / 88.4, "mmol/l", "mmol")
        .Unit("mg/L", v => v / 10, "mg/l");

    /// <summary>Blood urea nitrogen in mg/dL; urea in mmol/L converts at 1 mmol/L = 2.801 mg/dL of urea nitrogen.</summary>
    public static Quantity UreaNitrogen { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("mmol/L", v => v * 2.801, MmolPerL);

    /// <summary>Glucose, 180.16 g/mol: 1 mmol/L = 18.016 mg/dL.</summary>
    public static Quantity Glucose { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("mmol/L", v => v * 18.016, MmolPerL);

    /// <summary>Cholesterol, 386.65 g/mol: 1 mmol/L = 38.67 mg/dL.</summary>
    public static Quantity Cholesterol { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("mmol/L", v => v * 38.67, MmolPerL);

    /// <summary>Triglycerides (as triolein, 885.7 g/mol): 1 mmol/L = 88.57 mg/dL.</summary>
    public static Quantity Triglycerides { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("mmol/L", v => v * 88.57, MmolPerL);

    /// <summary>Calcium, 40.08 g/mol: 1 mmol/L = 4.008 mg/dL; 1 mEq/L = 2.004 mg/dL.</summary>
    public static Quantity Calcium { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("mmol/L", v => v * 4.008, "mmol/l", "mmol")
        .Unit("mEq/L", v => v * 2.004, "meq/l", "meq");

    public static Quantity Albumin { get; } = new Quantity("g/dL", "g/dl", "gm/dl", "g/100ml", "g%", "grams per deciliter", "grams per decilitre")
        .Unit("g/L", v => v / 10, "g/l", "gm/l", "grams per liter", "grams per litre")
        .Unit("mg/dL", v => v / 1000, "mg/dl");

    /// <summary>Bilirubin, 584.66 g/mol: 1 mg/dL = 17.1 µmol/L.</summary>
    public static Quantity Bilirubin { get; } = new Quantity("mg/dL", MgPerDl)
        .Unit("µmol/L", v => v / 17.1, "umol/l", "micromol/l", "mcmol/l", "umol")
        .Unit("mg/L", v => v / 10, "mg/l");

    /// <summary>Monovalent ions (sodium, potassium, chloride, bicarbonate): mmol/L and mEq/L are equal.</summary>
    public static Quantity Electrolyte { get; } = new Quantity("mmol/L", MEqPerL);

    public static Quantity Hemoglobin { get; } = new Quantity("g/dL", "g/dl", "gm/dl", "g%", "grams per deciliter")
        .Unit("g/L", v => v / 10, "g/l", "gm/l")
        .Unit("mmol/L", v => v * 1.611, "mmol/l");

    /// <summary>Cell counts (platelets, white cells) in 10⁹/L, which equals 10³/µL.</summary>
    public static Quantity CellCount { get; } = new Quantity("×10⁹/L", ThousandPerMicrolitre)
        .Unit("/µL", v => v / 1000, "/ul", "cells/ul", "/mm3", "cells/mm3", "/mcl", "per ul", "per microliter", "/microliter")
        .Unit("/L", v => v / 1e9, "/l", "cells/l");

    public static Quantity Temperature { get; } = new Quantity("°C", "c", "celsius", "degc", "degreesc", "degreescelsius", "degrees celsius", "centigrade")
        .Unit("°F", v => (v - 32) * 5 / 9, "f", "fahrenheit", "degf", "degreesf", "degrees fahrenheit")
        .InferWhenUnitless(v => v is >= 77 and <= 113 ? "°F" : null);

    public static Quantity Weight { get; } = new Quantity("kg", "kgs", "kilogram", "kilograms", "kilo", "kilos")
        .Unit("lb", 0.45359237, "lbs", "pound", "pounds", "#")
        .Unit("g", 0.001, "gram", "grams", "gm")
        .Unit("oz", 0.028349523125, "ounce", "ounces");

    public static Quantity Height { get; } = new Quantity("cm", "centimeter", "centimeters", "centimetre", "centimetres", "cms")
        .Unit("m", 100, "meter", "meters", "metre", "metres")
        .Unit("mm", 0.1, "millimeter", "millimeters")
        .Unit("in", 2.54, "inch", "inches", "\"", "”", "ins")
        .Unit("ft", 30.48, "feet", "foot", "'")
        .InferWhenUnitless(v => v is > 0 and < 3 ? "m" : null)
        .ParseComposite(Quantity.ParseFeetAndInches);

    public static Quantity Age { get; } = new Quantity("years", "year", "yr", "yrs", "y", "yo", "y/o", "years old", "year old", "yearsold", "a")
        .Unit("months", v => v / 12, "month", "mo", "mos", "mth", "mths", "months old")
        .Unit("weeks", v => v * 7 / 365.25, "week", "wk", "wks")
        .Unit("days", v => v / 365.25, "day", "d");

    public static Quantity Rate { get; } = new Quantity("/min", PerMinute);

    public static Quantity Pressure { get; } = new Quantity("mmHg", "mm hg", "mmhg", "torr", "mm of mercury")
        .Unit("kPa", 7.50062, "kpa");

    /// <summary>A percentage; a bare value at or below 1 is read as a fraction (0.21 → 21 %).</summary>
    public static Quantity Percent { get; } = new Quantity("%", "percent", "pct", "per cent")
        .Unit("fraction", 100, "l/l", "ratio", "decimal")
        .InferWhenUnitless(v => v is > 0 and <= 1 ? "fraction" : null);

    /// <summary>Oxygen saturation in %; a bare value at or below 1 is read as a fraction.</summary>
    public static Quantity Saturation { get; } = new Quantity("%", "percent", "pct", "% on room air", "%ra")
        .Unit("fraction", 100, "ratio", "decimal")
        .InferWhenUnitless(v => v is > 0 and <= 1 ? "fraction" : null);

    public static Quantity Interval { get; } = new Quantity("ms", "msec", "msecs", "millisecond", "milliseconds", "millisec")
        .Unit("s", 1000, "sec", "secs", "second", "seconds");

    public static Quantity Enzyme { get; } = new Quantity("U/L", "u/l", "iu/l", "units/l", "unit/l", "iu", "u", "international units per liter")
        .Unit("µkat/L", 60, "ukat/l");

    /// <summary>Insulin in µIU/mL (= mIU/L); 1 µIU/mL = 6 pmol/L.</summary>
    public static Quantity Insulin { get; } = new Quantity("µIU/mL", "uiu/ml", "uu/ml", "microunits/ml", "miu/l", "mu/l", "uiu", "mciu/ml", "uunits/ml")
        .Unit("pmol/L", v => v / 6, "pmol/l", "pmol");

    public static Quantity Mass { get; } = new Quantity("mg", "milligram", "milligrams", "mgs")
        .Unit("g", 1000, "gram", "grams", "gm")
        .Unit("µg", 0.001, "ug", "mcg", "microgram", "micrograms");

    public static Quantity Micrograms { get; } = new Quantity("µg", "ug", "mcg", "microgram", "micrograms")
        .Unit("mg", 1000, "milligram", "milligrams");

    public static Quantity MicrogramsPerHour { get; } = new Quantity("µg/h", "ug/h", "mcg/h", "mcg/hr", "ug/hr", "micrograms per hour", "mcg/hour", "ug/hour");

    public static Quantity MicrogramsPerKgMinute { get; } = new Quantity("µg/kg/min", "ug/kg/min", "mcg/kg/min", "mcg/kg/minute", "ug/kg/minute", "micrograms per kilogram per minute");

    public static Quantity Days { get; } = new Quantity("days", "day", "d")
        .Unit("weeks", 7, "week", "wk", "wks");

    public static Quantity PerDay { get; } = new Quantity("/day", "per day", "times/day", "times per day", "doses/day", "doses per day", "x/day", "daily", "/d", "/24h");

    public static Quantity Volume { get; } = new Quantity("mL", "ml", "cc", "millilitre", "milliliter")
        .Unit("L", 1000, "l");

    public static Quantity UrineOutput { get; } = new Quantity("mL/day", "ml/day", "ml/d", "ml/24h", "ml/24hr", "ml per day", "ml/24 hours", "cc/day")
        .Unit("L/day", 1000, "l/day", "l/d", "l/24h");

    public static Quantity BodyMassIndex { get; } = new Quantity("kg/m²", "kg/m2", "kg/m^2", "kgm2");

    public static Quantity Unitless { get; } = new Quantity(string.Empty, "none", "points", "point", "pts", "ratio", "score");

    public static Quantity Ph { get; } = new Quantity(string.Empty, "ph", "none", "units");

    public static Quantity Osmolality { get; } = new Quantity("mOsm/kg", "mosm/kg", "mosm/kgh2o", "mosm/l", "mosmol/kg");
}
