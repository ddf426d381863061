using System.Text.RegularExpressions;
using VoiceAssist.Voice.Dialogue.Lexicons;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>The word patterns that route a turn, on the normalised text: small talk, requests for connected systems,
/// follow-ups and corrections, and whether a request is clinical at all.</summary>
internal static partial class Cues
{
    /// <summary>The small-talk intent of an utterance that is nothing but small talk, else null.</summary>
    public static string? SmallTalk(Utterance utterance)
    {
        var text = utterance.Text.TrimEnd(' ', '.', '!', '?', ',');
        return text switch
        {
            "" => Intents.Help,
            _ when Greeting().IsMatch(text) => Intents.Greeting,
            _ when Help().IsMatch(text) => Intents.Help,
            _ when Thanks().IsMatch(text) => Intents.Thanks,
            _ when Goodbye().IsMatch(text) => Intents.Goodbye,
            _ => null,
        };
    }

    /// <summary>The utterance without a leading "hi", "ok" or "thanks", so "hi, what's the CURB-65 for..." is routed by
    /// what follows.</summary>
    public static Utterance WithoutPleasantries(Utterance utterance)
    {
        var rest = LeadingPleasantries().Replace(utterance.Text, string.Empty);
        return rest.Length == utterance.Text.Length || rest.Length == 0 ? utterance : Utterance.Of(rest);
    }

    public static string? ConnectedSystem(Utterance utterance) =>
        Email().IsMatch(utterance.Text) ? Intents.Email
        : Calendar().IsMatch(utterance.Text) ? Intents.Calendar
        : Files().IsMatch(utterance.Text) ? Intents.Files
        : null;

    public static bool IsFollowUp(Utterance utterance) => FollowUp().IsMatch(utterance.Text);

    public static bool IsCorrection(Utterance utterance) => Correction().IsMatch(utterance.Text);

    /// <summary>What follows "what about" / "how about" / "and in", the qualifier of a follow-up question.</summary>
    public static string? FollowUpQualifier(Utterance utterance) =>
        FollowUpTail().Match(utterance.Text) is { Success: true } m ? m.Groups["q"].Value.Trim(' ', '?', '.', '!') : null;

    public static bool AsksForKnowledge(Utterance utterance) => KnowledgeCue().IsMatch(utterance.Text);

    public static bool AsksForCalculation(Utterance utterance) => CalculationCue().IsMatch(utterance.Text);

    /// <summary>Whether the request is about medicine at all: a clinical word or medicine from the lexicon, or a word
    /// with a clinical ending ("-itis", "-olol").</summary>
    public static bool IsClinical(Utterance utterance, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        ArgumentNullException.ThrowIfNull(lexicon);
        foreach (var token in utterance.Tokens)
        {
            if (lexicon.ClinicalTerms.Contains(token.Value)
                || token.Value.Length >= 6 && lexicon.ClinicalSuffixes.Any(s => token.Value.EndsWith(s, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return lexicon.ClinicalTerms.Where(t => t.Contains(' ', StringComparison.Ordinal)).Any(utterance.Contains)
            || lexicon.AmbiguousTerms.SelectMany(t => t.Phrases).Any(utterance.Contains)
            || lexicon.MedicineClasses.Values.SelectMany(m => m).Any(utterance.Contains);
    }

    [GeneratedRegex(@"^(?:hi|hello|hey|hiya|greetings|good (?:morning|afternoon|evening|day))(?: there| voiceassist| voice assist| everyone)?$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(?:help|help me|what can you do|what do you do|how does this work|how do i use (?:this|you)|what can i ask(?: you)?|who are you)$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^(?:ok |okay |great |perfect |brilliant )?(?:thanks|thank you|cheers|ta|thanks a lot|thank you very much|many thanks)(?: very much| so much)?$")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(?:ok |okay )?(?:bye|goodbye|good bye|bye bye|see you|see you later|that is all|that is it|that is all thanks|we are done|i am done|done)$")]
    private static partial Regex Goodbye();

    [GeneratedRegex(@"^(?:(?:hi|hello|hey|hiya|good morning|good afternoon|good evening|ok|okay|thanks|thank you|great|right|so|please)\b[ ,.!]*)+")]
    private static partial Regex LeadingPleasantries();

    [GeneratedRegex(@"\b(?:calendar|diary|agenda|meetings?|appointments?|reschedule|my schedule|schedule (?:a|an|my)|clinic list|rota|on call)\b")]
    private static partial Regex Calendar();

    [GeneratedRegex(@"\b(?:e mail|email|emails|inbox|mailbox|mail|messages from)\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:files?|folders?|shared drive|onedrive|sharepoint|dropbox|my documents|open (?:the|my) document)\b")]
    private static partial Regex Files();

    [GeneratedRegex(@"^(?:and|also|plus|what if|and if|if|what about|how about|now|then)\b|\balso\b|\binstead\b")]
    private static partial Regex FollowUp();

    [GeneratedRegex(@"^(?:sorry|actually|correction|i meant|no wait|wait|my mistake|my bad|oops)\b|\b(?:not|rather than|instead of) \d")]
    private static partial Regex Correction();

    [GeneratedRegex(@"^(?:and )?(?:what about|how about|and|what if)(?: it is| she has| he has| there is)?(?: in| for| with| during| if)? (?<q>.+)$")]
    private static partial Regex FollowUpTail();

    [GeneratedRegex(@"\b(?:dose|doses|dosing|dosage|treat|treated|treatment|treatments|manage|management|recommend|recommended|recommendations?|guidelines?|should|first line|indicated|contraindicated|contraindications?|monitor|monitoring|adjust|adjustment|avoid|safe|prescribe|side effects?|interactions?|diagnos\w*|causes?|symptoms?)\b")]
    private static partial Regex KnowledgeCue();

    [GeneratedRegex(@"\b(?:calculate|calc|compute|work out|figure out|score|run|estimate|points|what is (?:her|his|their|the patient) \w+)\b")]
    private static partial Regex CalculationCue();
}
