using System.Collections.Frozen;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Names of patients, relatives and clinicians. Context comes first (a title, a credential, a label, a
/// relative, a verb of contact); the name lists come second, and alone they only score a name that is not also an
/// everyday or clinical word. A name followed by a clinical head noun (Wilson's disease, Bell palsy) is an eponym.</summary>
internal sealed class NameRecognizer(PhiDictionaries dictionaries)
{
    private static readonly FrozenSet<string> Titles = Set("dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev", "reverend", "sr", "sra", "srta", "mme", "mlle");

    private static readonly FrozenSet<string> AbbreviatedTitles = Set("dr", "mr", "mrs", "ms", "mx", "prof");

    private static readonly FrozenSet<string> Credentials = FrozenSet.ToFrozenSet(
        ["MD", "DO", "RN", "NP", "PA", "PA-C", "PhD", "FNP", "CNP", "APRN", "CRNA", "LPN", "MSW", "LCSW", "PharmD", "DDS", "DMD", "DPM", "FACS", "FACP",
         "FACC", "MPH", "BSN", "MSN", "CNM", "RPh", "DNP", "FNP-BC", "ANP", "PsyD", "MBBS", "FRCP", "FRCS", "RD", "CCC-SLP", "DPT", "OTR", "LMSW", "LICSW"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> LabelHeads = Set(
        "name", "patient", "pt", "attending", "physician", "provider", "pcp", "surgeon", "resident", "intern", "fellow", "by", "cc", "contact",
        "guardian", "nok", "kin", "interpreter", "author", "nurse", "consultant", "caregiver", "proxy", "hcp", "poa", "spouse", "mother", "father",
        "son", "daughter", "wife", "husband", "sister", "brother", "witness", "from", "to", "re", "attn", "attention", "clinician", "doctor",
        "therapist", "pharmacist", "dentist", "referring", "signed", "dictated", "transcribed", "cosigner", "cosigned", "dr", "md", "rn", "np",
        "partner", "friend", "relative", "parent", "parents", "informant", "source", "requested", "ordering", "performing", "reviewed", "approved",
        "staff", "user", "username", "employee", "chaplain", "coordinator", "manager", "supervisor", "assistant", "mom", "dad");

    private static readonly FrozenSet<string> Relations = Set(
        "son", "daughter", "wife", "husband", "mother", "father", "brother", "sister", "spouse", "partner", "boyfriend", "girlfriend", "fiance",
        "fiancee", "friend", "neighbor", "neighbour", "aunt", "uncle", "niece", "nephew", "cousin", "grandson", "granddaughter", "grandmother",
        "grandfather", "grandchild", "caregiver", "guardian", "roommate", "stepson", "stepdaughter", "stepmother", "stepfather", "mom", "dad",
        "sibling", "daughter-in-law", "son-in-law", "sister-in-law", "brother-in-law", "mother-in-law", "father-in-law", "grandma", "grandpa",
        "godmother", "godfather", "companion", "landlord", "pastor", "priest", "rabbi", "imam", "coworker", "colleague", "boss", "twin");

    private static readonly FrozenSet<string> ContactVerbs = Set(
        "called", "paged", "notified", "informed", "consulted", "per", "cc", "attn", "contacted", "texted", "emailed", "phoned", "thanked", "asked",
        "told", "updated", "accompanied");

    private static readonly FrozenSet<string> ContactVerbsWithPreposition = Set(
        "seen", "spoke", "speaking", "discussed", "evaluated", "examined", "referred", "signed", "dictated", "reviewed", "transcribed", "met",
        "talked", "consulted", "covered", "cosigned", "verified", "performed", "read", "interpreted", "accompanied", "attended", "supervised",
        "appreciate", "appreciated", "staffed");

    private static readonly FrozenSet<string> Prepositions = Set("by", "with", "to");

    /// <summary>Departments, services and function words: never part of a name.</summary>
    public static readonly FrozenSet<string> Departments = Set(
        "cardiology", "oncology", "neurology", "nephrology", "pulmonology", "pulmonary", "gastroenterology", "gi", "surgery", "medicine", "radiology",
        "pathology", "psychiatry", "pediatrics", "orthopedics", "orthopaedics", "urology", "dermatology", "ophthalmology", "endocrinology",
        "rheumatology", "hematology", "infectious", "emergency", "internal", "general", "critical", "care", "unit", "service", "team", "department",
        "dept", "clinic", "floor", "ward", "nursing", "social", "work", "physical", "therapy", "pharmacy", "anesthesia", "anesthesiology",
        "hospitalist", "hospital", "primary", "intensive", "obstetrics", "gynecology", "neurosurgery", "ent", "otolaryngology", "palliative",
        "hospice", "rehab", "rehabilitation", "transplant", "vascular", "thoracic", "trauma", "consult", "consults", "team", "staff", "registration",
        "admitting", "lab", "laboratory", "blood", "bank", "case", "management", "nutrition", "dietary", "chaplaincy", "security", "transport",
        "interpreter", "services", "ems", "ambulance", "police", "office", "center", "centre", "health", "medical", "group", "associates",
        "university", "college", "school", "institute", "foundation", "program", "study", "trial", "protocol", "guidelines", "committee",
        "board", "insurance", "company", "inc", "llc", "corp", "the", "a", "an", "and", "or", "of", "on", "in", "at", "for", "to", "from", "with",
        "is", "was", "has", "had", "he", "she", "they", "his", "her", "their", "it", "this", "that", "who", "which", "today", "yesterday",
        "tomorrow", "please", "thank", "thanks", "dear", "sincerely", "regards", "re", "cc", "pt", "patient", "pts", "mr", "mrs", "ms", "dr",
        "english", "spanish", "covid", "covid-19", "icu", "er", "ed", "or", "am", "pm", "am.", "yes", "no", "not", "none", "unknown", "other");

    private static readonly FrozenSet<string> EponymHeads = Set(
        "disease", "syndrome", "sign", "signs", "test", "tests", "fracture", "maneuver", "manoeuvre", "score", "scale", "criteria", "catheter",
        "drain", "tube", "procedure", "operation", "repair", "classification", "palsy", "phenomenon", "reflex", "node", "nodes", "ulcer",
        "esophagus", "lymphoma", "sarcoma", "tumor", "tumour", "stain", "stockings", "hose", "respiration", "respirations", "breathing", "triad",
        "murmur", "law", "position", "incision", "method", "formula", "equation", "questionnaire", "index", "stage", "grade", "type", "cell",
        "cells", "body", "bodies", "bag", "line", "valve", "shunt", "needle", "forceps", "retractor", "clamp", "splint", "boot", "collar", "brace",
        "cast", "pump", "stent", "filter", "mask", "bundle", "fiber", "fibers", "duct", "gland", "glands", "canal", "space", "pouch", "nerve",
        "artery", "vein", "ligament", "tendon", "membrane", "plexus", "ring", "loop", "solution", "coma", "agar", "ratio", "effect", "dementia",
        "encephalopathy", "anemia", "anomaly", "deformity", "contracture", "neuroma", "neuralgia", "hernia", "diverticulum", "disorder",
        "thyroiditis", "lesion", "lesions", "spots", "sulcus", "cyst", "phenomenon", "angle", "approach", "technique", "pouch", "point",
        "ataxia", "chorea", "dystrophy", "tremor", "arteritis", "encephalitis", "vasculitis", "ileus", "fistula", "cycle", "curve", "zone",
        "lymphadenopathy", "hypothesis", "rule", "rules", "device", "system", "clip", "clips", "graft", "flap", "block", "sutures", "suture");

    private readonly PhiDictionaries dictionaries = dictionaries;

    private enum Mode
    {
        Title,
        Label,
        Relation,
        Context,
        Dictionary,
    }

    public void Find(List<Token> tokens, List<PhiSpan> spans)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsWord)
            {
                continue;
            }

            var lower = token.Lower;
            if (Titles.Contains(lower) && IsTitleForm(tokens, i))
            {
                var next = SkipPeriod(tokens, i + 1);
                var name = TakeName(tokens, next, Mode.Title, AbbreviatedTitles.Contains(lower));

                // "moderate MR. Diuresed..." ends a sentence with mitral regurgitation; "DR. SMITH" is a title in capitals.
                if (!(token.IsAllCaps && name.First >= 0 && !tokens[name.First].IsAllCaps && !IsNameWord(tokens[name.First])))
                {
                    Add(tokens, spans, name, 0.95, Mode.Title);
                }
            }

            if ((Credentials.Contains(token.Text) && IsStandalone(tokens, i) && !IsStateBeforeZip(tokens, i)) || IsDottedCredential(tokens, i))
            {
                AddBackward(tokens, spans, i);
            }

            if (LabelHeads.Contains(lower) && i + 1 < tokens.Count && tokens[i + 1].Text == ":")
            {
                Add(tokens, spans, TakeName(tokens, i + 2, Mode.Label, allowLowercase: false), 0.9, Mode.Label);
            }

            if (Relations.Contains(lower))
            {
                var next = i + 1;
                while (next < tokens.Count && (tokens[next].Text is "," or ":" or "(" or "-" || tokens[next].Lower is "named" or "is"))
                {
                    next++;
                }

                Add(tokens, spans, TakeName(tokens, next, Mode.Relation, allowLowercase: true), 0.85, Mode.Relation);
                AddReverseRelation(tokens, spans, i);
            }

            if (ContactVerbs.Contains(lower))
            {
                Add(tokens, spans, TakeName(tokens, i + 1, Mode.Context, allowLowercase: false), 0.8, Mode.Context);
            }

            if (ContactVerbsWithPreposition.Contains(lower) && i + 1 < tokens.Count && Prepositions.Contains(tokens[i + 1].Lower))
            {
                var next = i + 2 < tokens.Count && tokens[i + 2].Text == ":" ? i + 3 : i + 2;
                Add(tokens, spans, TakeName(tokens, next, Mode.Context, allowLowercase: false), 0.8, Mode.Context);
                if (next < tokens.Count && IsInitials(tokens[next]))
                {
                    Add(tokens, spans, (next, next), 0.75, Mode.Title);
                }
            }

            // Dictation initials: "HTV/kmj".
            if (i + 2 < tokens.Count && IsInitials(token) && tokens[i + 1].Text == "/" && IsInitials(tokens[i + 2])
                && tokens[i + 1].Start == token.End && tokens[i + 2].Start == tokens[i + 1].End)
            {
                Add(tokens, spans, (i, i), 0.75, Mode.Title);
                Add(tokens, spans, (i + 2, i + 2), 0.75, Mode.Title);
            }

            if (lower is "patient" or "pt" && i + 1 < tokens.Count && tokens[i + 1].IsWord)
            {
                Add(tokens, spans, TakeName(tokens, i + 1, Mode.Context, allowLowercase: false), 0.8, Mode.Context);
            }

            if (token.IsInitial && i + 2 < tokens.Count && tokens[i + 1].Text == "." && tokens[i + 2].IsTitleCase && !IsStop(tokens[i + 2]))
            {
                Add(tokens, spans, TakeName(tokens, i, Mode.Dictionary, allowLowercase: false), IsNameWord(tokens[i + 2]) ? 0.85 : 0.7, Mode.Dictionary);
            }

            if ((token.IsTitleCase || token.IsAllCaps) && IsNameWord(token) && !dictionaries.ClinicalTerms.Contains(lower))
            {
                AddDictionaryName(tokens, spans, i);
            }
        }
    }

    private void AddDictionaryName(List<Token> tokens, List<PhiSpan> spans, int i)
    {
        var token = tokens[i];
        var (first, last) = TakeName(tokens, i, Mode.Dictionary, allowLowercase: false);
        if (first < 0)
        {
            return;
        }

        // "Niamh Reid": an unlisted given name before a listed surname on the same line.
        if (first == i && i > 0 && dictionaries.Surnames.Contains(token.Text) && !dictionaries.AmbiguousNames.Contains(token.Text)
            && !token.LineStart && tokens[i - 1].IsTitleCase && !IsStop(tokens[i - 1]) && !dictionaries.Cities.Contains(tokens[i - 1].Text))
        {
            first = i - 1;
        }

        var parts = Parts(tokens, first, last);
        var known = parts.Count(p => IsNameWord(p) && !dictionaries.AmbiguousNames.Contains(p.Text));
        var anyKnown = parts.Count(IsNameWord);
        double confidence;
        if (parts.Count >= 2 && (known >= 1 || anyKnown >= 2) && (dictionaries.FirstNames.Contains(parts[0].Text) || parts.Any(p => p.IsInitial)))
        {
            confidence = parts.All(p => p.IsAllCaps) ? 0.8 : 0.9;
        }
        else if (parts.Count >= 2 && known >= 1)
        {
            confidence = 0.7;
        }
        else if (dictionaries.AmbiguousNames.Contains(token.Text))
        {
            return;
        }
        else if (token.IsAllCaps)
        {
            confidence = 0.5;
        }
        else
        {
            confidence = dictionaries.FirstNames.Contains(token.Text) ? 0.72 : 0.66;
            first = last = i;
        }

        Add(tokens, spans, (first, last), confidence, Mode.Dictionary);
    }

    private void AddBackward(List<Token> tokens, List<PhiSpan> spans, int credential)
    {
        var j = credential - 1;
        if (j >= 0 && tokens[j].Text == ",")
        {
            j--;
        }

        var last = -1;
        var first = -1;
        var parts = 0;
        while (j >= 0 && parts < 4)
        {
            var t = tokens[j];
            if (t.Text == "." && j > 0 && tokens[j - 1].IsInitial)
            {
                j--;
                continue;
            }

            if (!t.IsWord || !(t.IsCapitalized || t.IsAllCaps) || IsStop(t) || Credentials.Contains(t.Text) || Titles.Contains(t.Lower))
            {
                break;
            }

            last = last < 0 ? j : last;
            first = j;
            parts++;
            if (t.LineStart)
            {
                break;
            }

            j--;
        }

        if (first >= 0)
        {
            Add(tokens, spans, (first, last), 0.93, Mode.Title);
        }
    }

    private void AddReverseRelation(List<Token> tokens, List<PhiSpan> spans, int relation)
    {
        // "Maria, her daughter" or "Maria (daughter)".
        var j = relation - 1;
        if (j >= 0 && tokens[j].Lower is "his" or "her" or "their" or "patient" or "pt" or "the")
        {
            j--;
        }

        if (j >= 0 && tokens[j].Text is "," or "(")
        {
            j--;
        }
        else
        {
            return;
        }

        if (j >= 0 && tokens[j].IsTitleCase && !IsStop(tokens[j]))
        {
            var first = j;
            if (j - 1 >= 0 && tokens[j - 1].IsTitleCase && !IsStop(tokens[j - 1]) && !tokens[j].LineStart)
            {
                first = j - 1;
            }

            Add(tokens, spans, (first, j), 0.8, Mode.Relation);
        }
    }

    /// <summary>Up to four name parts from <paramref name="start"/>: capitalised words, initials, and one
    /// "Last, First" comma. (-1, -1) when there is none.</summary>
    private (int First, int Last) TakeName(List<Token> tokens, int start, Mode mode, bool allowLowercase)
    {
        var first = -1;
        var last = -1;
        var parts = 0;
        var usedComma = false;
        var j = start;
        while (j < tokens.Count && parts < 4)
        {
            var t = tokens[j];
            if (parts > 0 && t.LineStart)
            {
                break;
            }

            if (t.Text == "," && parts == 1 && !usedComma && mode is Mode.Label or Mode.Dictionary or Mode.Title
                && j + 1 < tokens.Count && !tokens[j + 1].LineStart
                && (tokens[j + 1].IsInitial || (IsNameLike(tokens[j + 1]) && !IsStop(tokens[j + 1])
                    && (mode == Mode.Label || dictionaries.FirstNames.Contains(tokens[j + 1].Text)))))
            {
                usedComma = true;
                j++;
                continue;
            }

            if (t.Text == "." && parts > 0 && tokens[j - 1].IsInitial)
            {
                j++;
                continue;
            }

            if (!t.IsWord)
            {
                break;
            }

            var accepted = t.IsInitial
                || (IsNameLike(t) && (!IsStop(t) || (parts == 0 && mode == Mode.Title && !Departments.Contains(t.Lower))))
                || (parts == 0 && allowLowercase && t.IsLower && IsLowercaseName(t, mode));
            if (!accepted || Credentials.Contains(t.Text))
            {
                break;
            }

            first = first < 0 ? j : first;
            last = j;
            parts++;
            if (t.Possessive || (parts == 1 && t.IsLower))
            {
                break;
            }

            j++;
        }

        if (first >= 0 && mode == Mode.Context && !Parts(tokens, first, last).Any(IsNameWord) && Parts(tokens, first, last).Count < 2)
        {
            return (-1, -1);
        }

        // A lone initial is not a name.
        if (first >= 0 && first == last && tokens[first].IsInitial)
        {
            return (-1, -1);
        }

        return (first, last);
    }

    private bool IsLowercaseName(Token t, Mode mode) =>
        mode == Mode.Title
            ? dictionaries.IsName(t.Text) || dictionaries.AmbiguousNames.Contains(t.Text)
            : dictionaries.FirstNames.Contains(t.Text) && !dictionaries.AmbiguousNames.Contains(t.Text) && !dictionaries.ClinicalTerms.Contains(t.Text);

    private static void Add(List<Token> tokens, List<PhiSpan> spans, (int First, int Last) range, double confidence, Mode mode)
    {
        var (first, last) = range;
        if (first < 0)
        {
            return;
        }

        if (mode is Mode.Dictionary or Mode.Context or Mode.Relation && IsEponym(tokens, last))
        {
            return;
        }

        // "SMITH, JOHN" is two names side by side; the comma is not part of either.
        var partStart = first;
        for (var k = first; k <= last; k++)
        {
            if (tokens[k].Text == ",")
            {
                spans.Add(new PhiSpan(tokens[partStart].Start, tokens[k - 1].End, PhiTypes.Name, confidence));
                partStart = k + 1;
            }
        }

        spans.Add(new PhiSpan(tokens[partStart].Start, tokens[last].End, PhiTypes.Name, confidence));
    }

    /// <summary>Whether the word at <paramref name="last"/> names a disease, sign or device rather than a person.</summary>
    public static bool IsEponym(List<Token> tokens, int last)
    {
        var j = last + 1;
        while (j < tokens.Count && tokens[j].Text is "-" or "'" or "’")
        {
            j++;
        }

        if (j < tokens.Count && tokens[j].IsWord && EponymHeads.Contains(tokens[j].Lower))
        {
            return true;
        }

        // Two eponyms joined: "Guillain-Barre syndrome", "Jackson Pratt drain".
        return j + 1 < tokens.Count && tokens[j].IsCapitalized && EponymHeads.Contains(tokens[j + 1].Lower);
    }

    private static List<Token> Parts(List<Token> tokens, int first, int last) =>
        tokens.GetRange(first, last - first + 1).Where(t => t.IsWord).ToList();

    private static bool IsNameLike(Token t) => t.IsWord && (t.IsTitleCase || (t.IsAllCaps && t.Text.Length >= 2) || IsMixedCaseName(t.Text));

    private static bool IsMixedCaseName(string text) =>
        text.Length > 2 && char.IsUpper(text[0]) && text.Any(char.IsLower);

    private bool IsNameWord(Token t)
    {
        if (dictionaries.IsName(t.Text))
        {
            return true;
        }

        var hyphen = t.Text.IndexOf('-', StringComparison.Ordinal);
        return hyphen > 0 && t.Text.Split('-').Any(dictionaries.IsName);
    }

    private bool IsStop(Token t) =>
        dictionaries.ClinicalTerms.Contains(t.Text) || Departments.Contains(t.Lower) || Titles.Contains(t.Lower) || LabelHeads.Contains(t.Lower) && !IsNameWord(t)
        || dictionaries.StateAbbreviations.ContainsKey(t.Text) && t.Text.Length == 2 && !IsNameWord(t);

    private static bool IsTitleForm(List<Token> tokens, int i)
    {
        var t = tokens[i];
        if (t.Lower is "doctor" or "professor" or "reverend")
        {
            return t.IsCapitalized;
        }

        // "MS" alone is multiple sclerosis; "Ms." and "Ms" are titles.
        var period = i + 1 < tokens.Count && tokens[i + 1].Text == ".";
        return !t.IsAllCaps || period || t.Lower is "dr" or "mr" or "mrs";
    }

    private static bool IsDottedCredential(List<Token> tokens, int i) =>
        i + 2 < tokens.Count && tokens[i].Text is "M" or "D" && tokens[i + 1].Text == "." && tokens[i + 2].Text is "D" or "O"
        && (i == 0 || tokens[i - 1].Text is "," || tokens[i - 1].IsWord);

    /// <summary>Two to four letters in one case, not a clinical abbreviation: a person's initials.</summary>
    private bool IsInitials(Token t) =>
        t.IsWord && t.Text.Length is >= 2 and <= 4 && (t.IsAllCaps || t.IsLower) && t.Text.All(char.IsAsciiLetter)
        && !dictionaries.ClinicalTerms.Contains(t.Text) && !Departments.Contains(t.Lower) && !Credentials.Contains(t.Text)
        && !dictionaries.StateAbbreviations.ContainsKey(t.Text);

    /// <summary>Not glued to a neighbouring token: "RN" in "RN81JF3" is part of an identifier.</summary>
    private static bool IsStandalone(List<Token> tokens, int i) =>
        (i == 0 || tokens[i - 1].End < tokens[i].Start || tokens[i - 1].Kind == TokenKind.Punctuation)
        && (i + 1 >= tokens.Count || tokens[i + 1].Start > tokens[i].End || tokens[i + 1].Kind == TokenKind.Punctuation);

    /// <summary>"Erie, PA 16501": a state before a ZIP code, not a physician assistant.</summary>
    private static bool IsStateBeforeZip(List<Token> tokens, int i) =>
        i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Number && tokens[i + 1].Text.Length == 5;

    private static int SkipPeriod(List<Token> tokens, int i) => i < tokens.Count && tokens[i].Text == "." ? i + 1 : i;

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
