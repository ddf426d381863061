using VoiceAssist.Knowledge.Calculators.Engine;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Inputs shared by many calculators, declared once so their names, units, ranges and prompts agree.</summary>
internal static class Common
{
    public const string Male = "male";
    public const string Female = "female";

    public static IReadOnlyList<ChoiceOption> SexChoices { get; } =
    [
        new(Male, "Male", null, "m", "man", "boy", "masc", "masculine"),
        new(Female, "Female", null, "f", "woman", "girl", "fem", "feminine", "w"),
    ];

    public static InputSpec Age { get; } = In.Number("age", "Age", Quantities.Age, 0, 130, "How old is the patient?", "age in years", "patient age", "years old", "age years");

    public static InputSpec AdultAge { get; } = Age.Between(18, 130);

    public static InputSpec Sex { get; } = In.Choice("sex", "Sex", "Is the patient male or female?", SexChoices, "gender", "biological sex", "sex at birth");

    public static InputSpec Weight { get; } = In.Number("weight", "Body weight", Quantities.Weight, 0.3, 650, "What does the patient weigh?", "body weight", "actual body weight", "wt", "weight kg", "mass", "body mass", "total body weight");

    public static InputSpec Height { get; } = In.Number("height", "Height", Quantities.Height, 30, 275, "How tall is the patient?", "ht", "stature", "body height", "height cm");

    public static InputSpec Creatinine { get; } = In.Number("creatinine", "Serum creatinine", Quantities.Creatinine, 0.1, 40, "What is the patient's serum creatinine?", "serum creatinine", "scr", "cr", "creat", "plasma creatinine", "creatinine level");

    public static InputSpec Sodium { get; } = In.Number("sodium", "Serum sodium", Quantities.Electrolyte, 90, 220, "What is the serum sodium?", "na", "serum sodium", "plasma sodium", "na+", "sodium level");

    public static InputSpec Potassium { get; } = In.Number("potassium", "Serum potassium", Quantities.Electrolyte, 1, 12, "What is the serum potassium?", "k", "serum potassium", "k+", "plasma potassium");

    public static InputSpec Chloride { get; } = In.Number("chloride", "Serum chloride", Quantities.Electrolyte, 50, 160, "What is the serum chloride?", "cl", "serum chloride", "cl-", "plasma chloride");

    public static InputSpec Bicarbonate { get; } = In.Number("bicarbonate", "Serum bicarbonate", Quantities.Electrolyte, 1, 70, "What is the serum bicarbonate?", "hco3", "bicarb", "co2", "total co2", "tco2", "serum bicarbonate", "hco3-", "serum co2");

    public static InputSpec Bun { get; } = In.Number("bun", "Blood urea nitrogen", Quantities.UreaNitrogen, 0.5, 300, "What is the blood urea nitrogen (or urea)?", "blood urea nitrogen", "urea", "serum urea", "urea nitrogen", "blood urea", "sun")
        .WithHelp("mg/dL is read as urea nitrogen (BUN); mmol/L as urea.");

    public static InputSpec Glucose { get; } = In.Number("glucose", "Serum glucose", Quantities.Glucose, 10, 3000, "What is the blood glucose?", "blood glucose", "serum glucose", "plasma glucose", "blood sugar", "bg", "glu", "fasting glucose", "fasting plasma glucose", "fpg");

    public static InputSpec Albumin { get; } = In.Number("albumin", "Serum albumin", Quantities.Albumin, 0.5, 7, "What is the serum albumin?", "serum albumin", "alb", "plasma albumin");

    public static InputSpec Bilirubin { get; } = In.Number("bilirubin", "Total bilirubin", Quantities.Bilirubin, 0.05, 80, "What is the total bilirubin?", "total bilirubin", "tbili", "bili", "serum bilirubin", "t bili");

    public static InputSpec Inr { get; } = In.Number("inr", "INR", Quantities.Unitless, 0.5, 20, "What is the INR?", "international normalized ratio", "international normalised ratio", "pt inr");

    public static InputSpec HeartRate { get; } = In.Number("heartRate", "Heart rate", Quantities.Rate, 10, 350, "What is the heart rate?", "hr", "pulse", "pulse rate", "heart rate bpm", "ventricular rate", "rate");

    public static InputSpec RespiratoryRate { get; } = In.Number("respiratoryRate", "Respiratory rate", Quantities.Rate, 0, 90, "What is the respiratory rate?", "rr", "resp rate", "respirations", "breathing rate", "resp");

    public static InputSpec Systolic { get; } = In.Number("systolicBp", "Systolic blood pressure", Quantities.Pressure, 30, 320, "What is the systolic blood pressure?", "systolic", "sbp", "systolic bp", "systolic pressure", "sys bp");

    public static InputSpec Diastolic { get; } = In.Number("diastolicBp", "Diastolic blood pressure", Quantities.Pressure, 10, 250, "What is the diastolic blood pressure?", "diastolic", "dbp", "diastolic bp", "diastolic pressure", "dia bp");

    public static InputSpec Temperature { get; } = In.Number("temperature", "Temperature", Quantities.Temperature, 20, 46, "What is the patient's temperature?", "temp", "body temperature", "t", "core temperature");

    public static InputSpec OxygenSaturation { get; } = In.Number("oxygenSaturation", "Oxygen saturation", Quantities.Saturation, 30, 100, "What is the oxygen saturation?", "spo2", "sao2", "o2 sat", "o2 saturation", "sats", "pulse oximetry", "oxygen sat");

    public static InputSpec Platelets { get; } = In.Number("platelets", "Platelet count", Quantities.CellCount, 0, 3000, "What is the platelet count?", "platelet count", "plt", "plts", "platelet");

    public static InputSpec WhiteCells { get; } = In.Number("wbc", "White blood cell count", Quantities.CellCount, 0, 1000, "What is the white cell count?", "white blood cell count", "white cell count", "leukocytes", "leukocyte count", "white count", "wcc");

    public static InputSpec Hematocrit { get; } = In.Number("hematocrit", "Hematocrit", Quantities.Percent, 5, 80, "What is the hematocrit?", "hct", "haematocrit", "packed cell volume", "pcv");

    public static InputSpec Hemoglobin { get; } = In.Number("hemoglobin", "Hemoglobin", Quantities.Hemoglobin, 1, 26, "What is the hemoglobin?", "hb", "hgb", "haemoglobin");

    public static InputSpec Gcs { get; } = In.Number("gcs", "Glasgow Coma Scale", Quantities.Unitless, 3, 15, "What is the Glasgow Coma Scale score?", "glasgow coma scale", "glasgow coma score", "gcs score");

    public static InputSpec PaO2 { get; } = In.Number("pao2", "Arterial oxygen partial pressure (PaO₂)", Quantities.Pressure, 10, 800, "What is the arterial PaO2?", "pa o2", "partial pressure of oxygen", "arterial oxygen", "po2");

    public static InputSpec FiO2 { get; } = In.Number("fio2", "Inspired oxygen fraction (FiO₂)", Quantities.Percent, 21, 100, "What is the FiO2?", "fi o2", "fraction of inspired oxygen", "inspired oxygen");

    public static InputSpec Ph { get; } = In.Number("ph", "Arterial pH", Quantities.Ph, 6.5, 8.0, "What is the arterial pH?", "arterial ph", "blood ph", "abg ph");

    public static bool IsFemale(CalculatorArgs args) => args.Choice("sex") == Female;

    /// <summary>Devine ideal body weight in kg: 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch over 5 feet.</summary>
    public static double DevineIdealWeight(bool female, double heightCm) => (female ? 45.5 : 50) + 2.3 * (heightCm / 2.54 - 60);

    public static double BodyMassIndex(double weightKg, double heightCm) => weightKg / Math.Pow(heightCm / 100, 2);

    public static void RequireBelow(CalculatorArgs args, string lower, string upper, string message)
    {
        if (args.Number(lower) >= args.Number(upper))
        {
            throw new CalculatorInputException(lower, message);
        }
    }
}
