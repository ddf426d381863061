using System.Text.Json;
using VoiceAssist.Knowledge.Calculators.Engine;

namespace VoiceAssist.Knowledge.Calculators.ApacheMortality;

/// <summary>The APACHE II diagnostic categories and their weights in the hospital death rate equation, from the
/// appendix of Knaus et al. 1985, kept as reviewed data in the embedded <c>apache-ii-diagnostic-weights.json</c>.</summary>
internal static class ApacheIiDiagnosticWeights
{
    public const double Intercept = -3.517;
    public const double PerPoint = 0.146;
    public const double EmergencySurgery = 0.603;

    public static ApacheIiWeightTable Table { get; } = Load();

    public static IReadOnlyList<ChoiceOption> Choices { get; } =
        [.. Table.Categories.Select(c => new ChoiceOption(c.Id, $"{(c.Operative ? "Post-operative" : "Non-operative")}, {c.Group}: {c.Label}", null, [.. c.Synonyms]))];

    public static ApacheIiCategory Find(string id) => Table.Categories.First(c => c.Id == id);

    /// <summary>Predicted hospital mortality (0–1): ln(R/(1 − R)) = −3.517 + 0.146 × score + 0.603 if emergency
    /// surgery + the category weight.</summary>
    public static double Logit(double score, bool emergencySurgery, double categoryWeight) =>
        Intercept + PerPoint * score + (emergencySurgery ? EmergencySurgery : 0) + categoryWeight;

    public static double Probability(double logit) => 1 / (1 + Math.Exp(-logit));

    private static ApacheIiWeightTable Load()
    {
        using var stream = typeof(ApacheIiWeightTable).Assembly.GetManifestResourceStream(typeof(ApacheIiWeightTable).Namespace + ".apache-ii-diagnostic-weights.json")
            ?? throw new InvalidOperationException("The APACHE II diagnostic weights are not embedded in the assembly.");
        return JsonSerializer.Deserialize<ApacheIiWeightTable>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The APACHE II diagnostic weight table is empty.");
    }
}

internal sealed record ApacheIiWeightTable(string Source, string Equation, string Rule, IReadOnlyList<ApacheIiCategory> Categories);

internal sealed record ApacheIiCategory(string Id, bool Operative, string Group, string Label, double Weight, IReadOnlyList<string> Synonyms)
{
    /// <summary>Post-operative patients admitted for sepsis or after cardiac arrest take these non-operative weights.</summary>
    public bool AppliesAfterSurgery => Id is "nonop-cv-sepsis" or "nonop-cv-post-arrest";
}
