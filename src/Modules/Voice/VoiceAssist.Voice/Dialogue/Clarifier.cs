using System.Globalization;
using System.Text.RegularExpressions;
using VoiceAssist.Voice.Dialogue.Lexicons;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>Finds clinical terms whose meaning changes the answer ("kidney disease": acute injury or chronic disease,
/// and which stage) and reads the clinician's answer to the clarifying question.</summary>
internal sealed partial class Clarifier(Lexicon lexicon)
{
    /// <summary>The first ambiguous term used without a qualifier, and the words it was said with.</summary>
    public (AmbiguousTerm Term, string Phrase)? Ambiguity(Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        foreach (var term in lexicon.AmbiguousTerms)
        {
            if (term.Phrases.OrderByDescending(p => p.Length).FirstOrDefault(utterance.Contains) is { } phrase
                && !term.ResolvedBy.Any(utterance.Contains))
            {
                return (term, phrase);
            }
        }

        return null;
    }

    public AmbiguousTerm? Term(string? id) => lexicon.AmbiguousTerms.FirstOrDefault(t => t.Id == id);

    /// <summary>Reads an answer to <paramref name="term"/>'s question. <paramref name="chosenOption"/> is the meaning
    /// already chosen when only its detail is missing.</summary>
    public static Resolution Resolve(AmbiguousTerm term, Utterance answer, int? chosenOption)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(answer);
        var optionIndex = chosenOption ?? ChosenOption(term, answer);
        if (optionIndex is not { } index)
        {
            return new Resolution(null, null, null);
        }

        var option = term.Options[index];
        if (option.Detail is null)
        {
            return new Resolution(option.Label, null, index);
        }

        var detail = Regex.Match(answer.Text, option.Detail.Pattern, RegexOptions.CultureInvariant);
        if (!detail.Success)
        {
            return new Resolution(null, option.Detail.Question, index);
        }

        var value = detail.Groups.Values.Skip(1).First(g => g.Success).Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        return new Resolution(string.Format(CultureInfo.InvariantCulture, option.Detail.Template, value), null, index);
    }

    /// <summary>The question with the ambiguous words replaced by what the clinician meant ("... in kidney disease?"
    /// → "... in chronic kidney disease stage 3b?").</summary>
    public static string Rewrite(string question, string phrase, string meaning)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(phrase);
        var pattern = @"\b" + string.Join(@"[\s\-]+", phrase.Split(' ').Select(Regex.Escape)) + @"\b";
        var rewritten = Regex.Replace(question, pattern, meaning, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return rewritten != question ? rewritten : $"{question.TrimEnd(' ', '?', '.')} ({meaning})?";
    }

    /// <summary>The question with whatever it said about the term ("CKD stage 3", "type 2 diabetes") replaced by
    /// the new meaning; null when the question does not mention the term.</summary>
    public static string? ReplaceTerm(string question, AmbiguousTerm term, string meaning)
    {
        ArgumentNullException.ThrowIfNull(term);
        var words = term.ResolvedBy.Concat(term.Phrases).Concat(term.Options.Select(o => Utterance.Normalize(o.Label)))
            .OrderByDescending(p => p.Length)
            .Select(p => string.Join(@"[\s\-]+", p.Split(' ').Select(Regex.Escape)));
        var pattern = $@"\b(?:{string.Join('|', words)})\b(?:[\s\-]+(?:stage|g)[\s\-]*(?:[1-5][ab]?|[ivx]+)\b)?";
        var match = Regex.Match(question, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? question[..match.Index] + meaning + question[(match.Index + match.Length)..] : null;
    }

    private static int? ChosenOption(AmbiguousTerm term, Utterance answer)
    {
        var candidates = term.Options
            .SelectMany((option, index) => option.Synonyms.Select(s => (Synonym: s, Index: index)))
            .Where(c => c.Synonym.Length > 1 || answer.Text == c.Synonym || answer.Text.EndsWith(" " + c.Synonym, StringComparison.Ordinal) && answer.Tokens.Count <= 3)
            .OrderByDescending(c => c.Synonym.Length);
        foreach (var (synonym, index) in candidates)
        {
            if (answer.Contains(synonym))
            {
                return index;
            }
        }

        return null;
    }
}

/// <summary>The meaning settled (<c>Meaning</c>), or the further question to ask (<c>Question</c>), or neither when
/// the answer did not address the question.</summary>
internal sealed record Resolution(string? Meaning, string? Question, int? Option);
