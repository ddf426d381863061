namespace VoiceAssist.Voice.Dialogue.Understanding;

/// <summary>Decides whether a finding mentioned in an utterance is denied, after NegEx (Chapman WW, Bridewell W,
/// Hanbury P, Cooper GF, Buchanan BG. A simple algorithm for identifying negated findings and diseases in discharge
/// summaries. J Biomed Inform. 2001;34(5):301-310): a finding is negated when a negation trigger ("no", "denies",
/// "without", "negative for") precedes it within a window of six tokens, or a post-finding trigger ("ruled out",
/// "absent") follows it, and no scope terminator ("but", "however", a sentence end) lies between them. Pseudo-triggers
/// ("no change", "not only") negate nothing.</summary>
internal static class Negation
{
    private const int Window = 6;

    private static readonly string[][] PreTriggers = Phrases(
        "no", "not", "denies", "denied", "deny", "denying", "without", "negative for", "free of", "absence of", "absent",
        "never had", "never", "nor", "neither", "no history of", "no evidence of", "no signs of", "no sign of", "rules out",
        "ruled out for", "not on", "not taking", "off", "does not have", "has not had", "no known");

    private static readonly string[][] PostTriggers = Phrases(
        "ruled out", "is ruled out", "was ruled out", "negative", "absent", "is absent", "not present", "is not present",
        "denied", ": no", ": none", ": negative", "= no", "no", "none", "unlikely");

    private static readonly string[][] PseudoTriggers = Phrases(
        "no change", "no increase", "not only", "not necessarily", "no further", "without difficulty", "not certain", "no doubt");

    /// <summary>Tokens that end a negation's scope. A comma ends it only before a new assertion ("no diabetes, has
    /// hypertension"); within a list ("no stroke, TIA or bleeding") the scope carries on.</summary>
    private static readonly HashSet<string> Terminators = new(StringComparer.Ordinal)
    {
        "but", "however", "although", "though", "yet", "except", "apart", "aside", "which", "whereas", "while", ".", ";", "?", "!",
        "has", "had", "have", "with", "takes", "taking", "known", "positive", "also", "plus", "is", "was",
    };

    /// <summary>Words that, after a comma, begin a new affirmed finding ("denies chest pain, history of diabetes").</summary>
    private static readonly HashSet<string> AssertionStarts = new(StringComparer.Ordinal)
    {
        "history", "prior", "previous", "recent", "current", "currently", "on", "diagnosed", "and",
    };

    public static bool IsNegated(Utterance utterance, int firstToken, int lastToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var tokens = utterance.Tokens;
        for (var end = firstToken - 1; end >= Math.Max(0, firstToken - Window); end--)
        {
            if (PseudoTriggers.Any(p => EndsAt(tokens, p, end)))
            {
                return false;
            }

            if (PreTriggers.Any(p => EndsAt(tokens, p, end)))
            {
                return true;
            }

            if (Terminators.Contains(tokens[end].Value) || tokens[end].Value == "," && end + 1 < tokens.Count && StartsAssertion(tokens[end + 1].Value))
            {
                return false;
            }
        }

        var next = lastToken + 1;
        return PostTriggers.Any(p => StartsAt(tokens, p, next) && EndsScope(tokens, next + p.Length));
    }

    private static bool StartsAssertion(string token) => Terminators.Contains(token) || AssertionStarts.Contains(token);

    private static bool EndsScope(IReadOnlyList<Token> tokens, int index) =>
        index >= tokens.Count || tokens[index].Value is "." or "," or ";" or "?" or "!" or "and" or "but";

    private static bool EndsAt(IReadOnlyList<Token> tokens, string[] phrase, int end) =>
        end - phrase.Length + 1 >= 0 && StartsAt(tokens, phrase, end - phrase.Length + 1);

    private static bool StartsAt(IReadOnlyList<Token> tokens, string[] phrase, int start)
    {
        if (start < 0 || start + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (tokens[start + i].Value != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string[][] Phrases(params string[] phrases) =>
        [.. phrases.Select(p => Utterance.Normalize(p).Split(' ')).OrderByDescending(p => p.Length)];
}
