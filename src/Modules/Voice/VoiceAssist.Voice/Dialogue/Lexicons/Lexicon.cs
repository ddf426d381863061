using System.Text.Json;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue.Lexicons;

/// <summary>The conversation's word lists, read once from the JSON files embedded beside this class. Every phrase
/// is stored in <see cref="Utterance"/>'s normalised spelling.</summary>
internal sealed class Lexicon
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Lexicon(CalculatorNameList names, AmbiguousTermList terms, ClinicalVocabulary vocabulary, DifferentialList differential)
    {
        Differential = differential with
        {
            Cues = Normalized(differential.Cues),
            Presentations = [.. differential.Presentations.Select(p => p with { Phrases = Normalized(p.Phrases) })],
        };
        CalculatorNames = names.Names.ToDictionary(n => n.Key, n => Normalized(n.Value), StringComparer.Ordinal);
        OrdinaryWords = new HashSet<string>(Normalized(names.OrdinaryWords), StringComparer.Ordinal);
        CalculatorFamilies = names.Families.ToDictionary(f => Utterance.Normalize(f.Key), f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal);
        AmbiguousTerms = [.. terms.Terms.Select(t => t with
        {
            Phrases = Normalized(t.Phrases),
            ResolvedBy = Normalized(t.ResolvedBy),
            Options = [.. t.Options.Select(o => o with { Synonyms = Normalized(o.Synonyms) })],
        })];
        ClinicalTerms = new HashSet<string>(Normalized(vocabulary.ClinicalTerms), StringComparer.Ordinal);
        ClinicalSuffixes = vocabulary.ClinicalSuffixes;
        MedicineClasses = vocabulary.MedicineClasses.ToDictionary(c => Utterance.Normalize(c.Key), c => Normalized(c.Value), StringComparer.Ordinal);
        SlotPhrases = vocabulary.SlotPhrases.ToDictionary(p => p.Key, p => Normalized(p.Value), StringComparer.Ordinal);
    }

    /// <summary>Reads the lexicon from its embedded data files; the module registers the one instance everything uses.</summary>
    public static Lexicon Load() => new(
        Read<CalculatorNameList>("calculator-names.json"),
        Read<AmbiguousTermList>("ambiguous-terms.json"),
        Read<ClinicalVocabulary>("clinical-vocabulary.json"),
        Read<DifferentialList>("differential.json"));

    /// <summary>What asks for a differential diagnosis, and the calculators that fit a presentation.</summary>
    public DifferentialList Differential { get; }

    /// <summary>Calculator id → names it is called by, beyond its catalog name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CalculatorNames { get; }

    /// <summary>A name → the calculators it could mean ("wells" → DVT or PE).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CalculatorFamilies { get; }

    /// <summary>Catalog names that are everyday words ("heart"), so never taken alone as a calculator's name.</summary>
    public IReadOnlySet<string> OrdinaryWords { get; }

    public IReadOnlyList<AmbiguousTerm> AmbiguousTerms { get; }

    public IReadOnlySet<string> ClinicalTerms { get; }

    public IReadOnlyList<string> ClinicalSuffixes { get; }

    /// <summary>Class name → its members (the class name included).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MedicineClasses { get; }

    /// <summary>Calculator input name → verbs and phrases that introduce its value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SlotPhrases { get; }

    private static IReadOnlyList<string> Normalized(IEnumerable<string> phrases) => [.. phrases.Select(Utterance.Normalize).Distinct(StringComparer.Ordinal)];

    private static T Read<T>(string file)
    {
        var name = $"{typeof(Lexicon).Namespace}.{file}";
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded lexicon {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"Embedded lexicon {name} is empty.");
    }

    private sealed record CalculatorNameList(Dictionary<string, string[]> Names, Dictionary<string, string[]> Families, string[] OrdinaryWords);

    private sealed record AmbiguousTermList(AmbiguousTerm[] Terms);

    private sealed record ClinicalVocabulary(string[] ClinicalTerms, string[] ClinicalSuffixes, Dictionary<string, string[]> MedicineClasses, Dictionary<string, string[]> SlotPhrases);
}

/// <summary>The words that ask for a differential, the presentations with the calculators that fit them (at most
/// <see cref="MaxCalculators"/> offered), and the notice shown beside every differential.</summary>
internal sealed record DifferentialList(IReadOnlyList<string> Cues, IReadOnlyList<Presentation> Presentations, int MaxCalculators, string SafetyNotice);

/// <summary>Phrases of a presentation and the calculators that risk-stratify what it raises.</summary>
internal sealed record Presentation(IReadOnlyList<string> Phrases, IReadOnlyList<string> Calculators);

/// <summary>A clinical term whose meaning must be settled before a knowledge question can be answered.</summary>
internal sealed record AmbiguousTerm(string Id, IReadOnlyList<string> Phrases, IReadOnlyList<string> ResolvedBy, string Question, IReadOnlyList<TermOption> Options, IReadOnlyList<string> Sources);

/// <summary>One meaning of an ambiguous term; <see cref="Detail"/> asks a second question when the meaning needs
/// one more qualifier (the stage of chronic kidney disease).</summary>
internal sealed record TermOption(string Label, IReadOnlyList<string> Synonyms, TermDetail? Detail);

internal sealed record TermDetail(string Question, string Pattern, string Template);
