using System.Collections.Frozen;
using System.Text.RegularExpressions;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Names of patients, relatives and clinicians. Context comes first (a title, a credential, a label, a
/// relative, a verb of contact); the name lists come second, and alone they only score a name that is not also an
/// everyday or clinical word. A name followed by a clinical head noun (Wilson's disease, Bell palsy) is an eponym.</summary>
internal sealed partial class NameRecognizer(PhiDictionaries dictionaries)
{
    private static readonly FrozenSet<string> Titles = Set("dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev", "reverend", "sr", "sra", "srta", "mme", "mlle");

    private static readonly FrozenSet<string> AbbreviatedTitles = Set("dr", "mr", "mrs", "ms", "mx", "prof");

    private static readonly FrozenSet<string> Credentials = FrozenSet.ToFrozenSet(
        ["MD", "DO", "RN", "NP", "PA", "PA-C", "PhD", "FNP", "CNP", "APRN", "CRNA", "LPN", "MSW", "LCSW", "PharmD", "DDS", "DMD", "DPM", "FACS", "FACP",
         "FACC", "MPH", "BSN", "RRT", "CRT", "RPT", "LICSW", "CNA", "BSN/RN", "SN", "MSN", "CNM", "RPh", "DNP", "FNP-BC", "ANP", "PsyD", "MBBS", "FRCP", "FRCS", "RD", "CCC-SLP", "DPT", "OTR", "LMSW", "LICSW"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> LabelHeads = Set(
        "name", "patient", "pt", "attending", "physician", "provider", "pcp", "surgeon", "resident", "intern", "fellow", "by", "cc", "contact",
        "guardian", "nok", "kin", "interpreter", "author", "nurse", "consultant", "caregiver", "proxy", "hcp", "poa", "spouse", "mother", "father",
        "son", "daughter", "wife", "husband", "sister", "brother", "witness", "from", "to", "re", "attn", "attention", "clinician", "doctor",
        "therapist", "pharmacist", "dentist", "referring", "signed", "dictated", "transcribed", "cosigner", "cosigned", "dr", "md", "rn", "np",
        "partner", "friend", "relative", "parent", "parents", "informant", "source", "requested", "ordering", "performing", "reviewed", "approved",
        "staff", "user", "username", "employee", "chaplain", "coordinator", "manager", "supervisor", "assistant", "mom", "dad", "where", "location", "venue", "place");

    private static readonly FrozenSet<string> Relations = Set(
        "son", "daughter", "wife", "husband", "mother", "father", "brother", "sister", "spouse", "partner", "boyfriend", "girlfriend", "fiance",
        "fiancee", "friend", "neighbor", "neighbour", "aunt", "uncle", "niece", "nephew", "cousin", "grandson", "granddaughter", "grandmother",
        "grandfather", "grandchild", "caregiver", "guardian", "roommate", "stepson", "stepdaughter", "stepmother", "stepfather", "mom", "dad",
        "sibling", "daughter-in-law", "son-in-law", "sister-in-law", "brother-in-law", "mother-in-law", "father-in-law", "grandma", "grandpa",
        "godmother", "godfather", "companion", "landlord", "pastor", "priest", "rabbi", "imam", "coworker", "colleague", "boss", "twin", "dtr", "dau", "sis", "bro",
        "kid", "child", "children", "grandchildren", "grandkids");

    private static readonly FrozenSet<string> ContactVerbs = Set(
        "called", "paged", "notified", "informed", "consulted", "per", "attn", "contacted", "texted", "emailed", "phoned", "thanked", "asked",
        "told", "updated", "accompanied");

    private static readonly FrozenSet<string> ContactVerbsWithPreposition = Set(
        "seen", "spoke", "speaking", "discussed", "evaluated", "examined", "referred", "signed", "dictated", "reviewed", "transcribed", "met",
        "talked", "consulted", "covered", "cosigned", "verified", "performed", "read", "interpreted", "accompanied", "attended", "supervised",
        "appreciate", "appreciated", "staffed");

    private static readonly FrozenSet<string> Prepositions = Set("by", "with", "to", "w");

    /// <summary>Roles written before a clinician's name in notes ("NP grace", "per md Saeed").</summary>
    private static readonly FrozenSet<string> RoleBeforeName = Set("np", "md", "rn", "resident", "fellow", "intern", "attending", "nurse", "rrt", "ho");

    /// <summary>Words that follow a relative or a title in a sentence without being a name.</summary>
    private static readonly FrozenSet<string> FunctionWords = Set(
        "will", "may", "can", "could", "would", "should", "shall", "must", "might", "is", "was", "are", "were", "be", "been", "has", "have", "had",
        "did", "does", "do", "and", "or", "but", "the", "a", "an", "at", "in", "on", "to", "of", "for", "with", "by", "from", "as", "not", "also",
        "here", "there", "who", "that", "this", "called", "aware", "notified", "informed", "visited", "visiting", "present", "updated", "came",
        "left", "states", "stated", "said", "wants", "feels", "lives", "in", "into", "via", "per", "re", "about", "all", "both", "very", "still");

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
        "lymphadenopathy", "hypothesis", "rule", "rules", "device", "system", "clip", "clips", "graft", "flap", "block", "sutures", "suture", "tear", "tears", "hugger", "warmer", "bed", "position", "mattress");

    private readonly PhiDictionaries dictionaries = dictionaries;

    private enum Mode
    {
        Title,
        Label,
        Relation,
        Context,
        Dictionary,
    }

    public void Find(List<Token> tokens, List<PhiSpan> spans, TextCase casing)
    {
        var caseBlind = casing != TextCase.Mixed;
        var shorthand = IsClinicalShorthand(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            // "They had 6: silvana, adam, christopher, kristina, chad and caleb": a list in which given names dominate.
            if (token.Text is ":" or "," || i == 0)
            {
                Enumeration(tokens, spans, token.Text == ":" ? i + 1 : i);
            }

            // "Don't go to town, Roy!": a given name addressed at the end of a sentence.
            if (token.Text == "," && i + 2 < tokens.Count && tokens[i + 1].IsTitleCase && dictionaries.IsGivenName(tokens[i + 1].Text)
                && tokens[i + 2].Text is "!" or "." or "?" && !dictionaries.ClinicalAbbreviations.Contains(tokens[i + 1].Text))
            {
                Add(tokens, spans, (i + 1, i + 1), 0.75, Mode.Context);
            }

            if (!token.IsWord)
            {
                continue;
            }

            var lower = token.Lower;
            if (Titles.Contains(lower) && (IsTitleForm(tokens, i) || (i + 1 < tokens.Count && tokens[i + 1].IsWord && IsDistinctiveOrUnknown(tokens[i + 1]))))
            {
                var next = SkipPeriod(tokens, i + 1);
                var name = TakeName(tokens, next, Mode.Title, AbbreviatedTitles.Contains(lower) || caseBlind);

                // "moderate MR. Diuresed..." ends a sentence with mitral regurgitation; "DR. SMITH" is a title in capitals.
                if (!(token.IsAllCaps && name.First >= 0 && !tokens[name.First].IsAllCaps && !IsNameWord(tokens[name.First])))
                {
                    Add(tokens, spans, name, 0.95, Mode.Title);

                    // "Dr. Camarda and Clifford", "dr vasquez, rizzo".
                    var after = name.Last + 1;
                    if (name.First >= 0 && after + 1 < tokens.Count && tokens[after].Lower is "and" or "&" or "," && tokens[after + 1].IsWord
                        && !tokens[after + 1].LineStart && (tokens[after + 1].IsCapitalized == tokens[name.First].IsCapitalized)
                        && (IsDistinctiveOrUnknown(tokens[after + 1]) || (tokens[after + 1].IsTitleCase && IsNameWord(tokens[after + 1]) && !dictionaries.IsCommonWord(tokens[after + 1].Text))))
                    {
                        Add(tokens, spans, (after + 1, after + 1), 0.8, Mode.Context);
                    }
                }
            }

            if ((Credentials.Contains(token.Text) && IsStandalone(tokens, i) && !IsStateBeforeZip(tokens, i)) || IsDottedCredential(tokens, i))
            {
                AddBackward(tokens, spans, i, caseBlind: false);
            }
            else if (Credentials.Contains(token.Text.ToUpperInvariant()) && token.Text.Length >= 2 && (token.IsLower || caseBlind) && (i + 1 == tokens.Count || tokens[i + 1].LineStart
                         || (i + 2 < tokens.Count && tokens[i + 1].Text == "/" && Credentials.Contains(tokens[i + 2].Text.ToUpperInvariant()))))
            {
                // A signature at the end of a line: "barbara j. parrilli bsn/rn", "s. roberto rrt".
                var at = i;
                if (at >= 2 && tokens[at - 1].Text == "/" && Credentials.Contains(tokens[at - 2].Text.ToUpperInvariant()))
                {
                    at -= 2;
                }

                AddBackward(tokens, spans, at, caseBlind: true);
            }

            if (LabelHeads.Contains(lower) && i + 1 < tokens.Count && tokens[i + 1].Text == ":")
            {
                var label = TakeName(tokens, i + 2, Mode.Label, allowLowercase: false);
                if (casing == TextCase.Mixed || (label.First >= 0 && Parts(tokens, label.First, label.Last).Any(p => IsNameWord(p) && !dictionaries.IsCommonWord(p.Text))))
                {
                    Add(tokens, spans, label, 0.9, Mode.Label);
                }
            }

            var hyphen = lower.LastIndexOf('-');
            if (Relations.Contains(lower) || (hyphen > 0 && Relations.Contains(lower[(hyphen + 1)..]) && !Relations.Contains(lower)))
            {
                var next = i + 1;
                while (next < tokens.Count && (tokens[next].Text is "," or ":" or "(" or "-" || tokens[next].Lower is "named" or "is"))
                {
                    next++;
                }

                Add(tokens, spans, TakeName(tokens, next, Mode.Relation, allowLowercase: true), 0.85, Mode.Relation);
                AddReverseRelation(tokens, spans, i, caseBlind);
            }

            if (ContactVerbs.Contains(lower))
            {
                Add(tokens, spans, TakeName(tokens, i + 1, Mode.Context, allowLowercase: caseBlind), 0.8, Mode.Context);
            }

            // "NP grace made aware", "per md Saeed": a clinician's role before the name.
            if (RoleBeforeName.Contains(lower) && i + 1 < tokens.Count && tokens[i + 1].IsWord && !tokens[i + 1].LineStart)
            {
                var candidate = tokens[i + 1];
                if (candidate.IsTitleCase && IsDistinctiveOrUnknown(candidate))
                {
                    Add(tokens, spans, (i + 1, i + 1), 0.8, Mode.Context);
                }

                if (dictionaries.IsName(candidate.Text) && !dictionaries.ClinicalAbbreviations.Contains(candidate.Text) && !FunctionWords.Contains(candidate.Lower)
                    && (candidate.IsTitleCase || dictionaries.IsDistinctiveName(candidate.Text)
                        || (caseBlind && dictionaries.IsGivenName(candidate.Text) && !dictionaries.EnglishWords.Contains(candidate.Lower))))
                {
                    Add(tokens, spans, (i + 1, i + 1), 0.8, Mode.Context);
                }
            }

            // "What's your last name? Baba", "my name is maria".
            if (lower == "name" && i + 1 < tokens.Count && (tokens[i + 1].Text is "?" or ":" || tokens[i + 1].Lower == "is"))
            {
                Add(tokens, spans, TakeName(tokens, i + 2, Mode.Label, allowLowercase: true), 0.85, Mode.Label);
            }

            if (ContactVerbsWithPreposition.Contains(lower) && i + 1 < tokens.Count && Prepositions.Contains(tokens[i + 1].Lower))
            {
                var next = i + 2 < tokens.Count && tokens[i + 2].Text == ":" ? i + 3 : i + 2;
                Add(tokens, spans, TakeName(tokens, next, Mode.Context, allowLowercase: caseBlind), 0.8, Mode.Context);
                if (next < tokens.Count && IsInitials(tokens[next]) && !caseBlind)
                {
                    Add(tokens, spans, (next, next), 0.75, Mode.Title);
                }
            }

            // Dictation initials: "HTV/kmj".
            if (i + 2 < tokens.Count && IsInitials(token) && tokens[i + 1].Text == "/" && IsInitials(tokens[i + 2])
                && tokens[i + 1].Start == token.End && tokens[i + 2].Start == tokens[i + 1].End
                && (token.LineStart || tokens[i - 1].Kind == TokenKind.Punctuation && tokens[i - 1].Text != "/")
                && (i + 3 == tokens.Count || tokens[i + 3].LineStart))
            {
                Add(tokens, spans, (i, i), 0.75, Mode.Title);
                Add(tokens, spans, (i + 2, i + 2), 0.75, Mode.Title);
            }

            if (lower is "patient" or "pt" && i + 1 < tokens.Count && tokens[i + 1].IsWord && !caseBlind)
            {
                Add(tokens, spans, TakeName(tokens, i + 1, Mode.Context, allowLowercase: false), 0.8, Mode.Context);
            }

            if (token.IsInitial && i + 2 < tokens.Count && tokens[i + 1].Text == "." && tokens[i + 2].IsTitleCase && !IsStop(tokens[i + 2])
                && (i == 0 || tokens[i - 1].End < token.Start) && (i == 0 || tokens[i - 1].Text != "&") && !tokens[i + 2].LineStart
                && tokens[i + 2].Start == tokens[i + 1].End + 1)
            {
                Add(tokens, spans, TakeName(tokens, i, Mode.Dictionary, allowLowercase: false), IsNameWord(tokens[i + 2]) ? 0.85 : 0.7, Mode.Dictionary);
            }

            if (casing != TextCase.Upper && token.IsTitleCase && IsNameWord(token) && !dictionaries.ClinicalTerms.Contains(lower) && !Relations.Contains(lower) && !Glued(tokens, i)
                && !dictionaries.ClinicalAbbreviations.Contains(lower))
            {
                AddDictionaryName(tokens, spans, i);
            }
            else if (casing != TextCase.Upper && token.IsTitleCase)
            {
                AddUnknownProperNoun(tokens, spans, i, shorthand);
            }
            else if (casing == TextCase.Mixed && !shorthand && token.IsAllCaps && token.Text.Length >= 5 && token.Text.Count(c => "AEIOUYÄÖÜÉÈÅØÆ".Contains(c)) >= 2
                     && IsUnknownWord(token) && !Glued(tokens, i)
                     && !(i > 0 && tokens[i - 1].IsAllCaps && tokens[i - 1].Text.Length > 1) && !(i + 1 < tokens.Count && tokens[i + 1].IsAllCaps && tokens[i + 1].Text.Length > 1))
            {
                // "based in ESPOO", "Przemek Kucharski  ALFRICK": a word in capitals that is no word, inside normal text.
                spans.Add(new PhiSpan(token.Start, token.End, PhiTypes.City, 0.6));
            }
            else if (caseBlind && dictionaries.IsDistinctiveName(token.Text) && dictionaries.IsGivenName(token.Text)
                     && (token.IsAllCaps || token.IsLower))
            {
                AddCaseBlindName(tokens, spans, i);
            }
        }
    }

    /// <summary>Single words separated by commas and a final "and"/"or": when at least three items and two thirds of
    /// them are given names, every item is a name.</summary>
    private void Enumeration(List<Token> tokens, List<PhiSpan> spans, int start)
    {
        if (start >= tokens.Count || !tokens[start].IsWord)
        {
            return;
        }

        var items = new List<int>();
        var j = start;
        while (j < tokens.Count && tokens[j].IsWord && items.Count < 12)
        {
            items.Add(j);
            if (j + 2 < tokens.Count && tokens[j + 1].Text == "," && tokens[j + 2].IsWord && !tokens[j + 2].LineStart)
            {
                j += 2;
                if (j + 1 < tokens.Count && tokens[j].Lower is "and" or "or" && tokens[j + 1].IsWord)
                {
                    j++;
                }
            }
            else if (j + 2 < tokens.Count && tokens[j + 1].Lower is "and" or "or" && tokens[j + 2].IsWord && !tokens[j + 2].LineStart)
            {
                items.Add(j + 2);
                break;
            }
            else
            {
                break;
            }
        }

        var given = items.Count(k => dictionaries.IsGivenName(tokens[k].Text) && !dictionaries.ClinicalAbbreviations.Contains(tokens[k].Text));
        if (items.Count >= 3 && given * 3 >= items.Count * 2)
        {
            foreach (var k in items.Where(k => !dictionaries.ClinicalAbbreviations.Contains(tokens[k].Text)))
            {
                spans.Add(new PhiSpan(tokens[k].Start, tokens[k].End, PhiTypes.Name, 0.8));
            }
        }
    }

    /// <summary>In an ALL-CAPS or all-lowercase note letter case says nothing: a given name that is not also a word,
    /// followed by another name that is not a word ("URSLA MORETTI", "gerry masci"), is a name.</summary>
    private void AddCaseBlindName(List<Token> tokens, List<PhiSpan> spans, int i)
    {
        var j = i + 1;
        if (j + 1 < tokens.Count && tokens[j].Text.Length == 1 && tokens[j + 1].Text == ".")
        {
            j += 2;
        }

        if (j < tokens.Count && tokens[j].IsWord && !tokens[j].LineStart && IsDistinctiveOrUnknown(tokens[j])
            && tokens[j].IsAllCaps == tokens[i].IsAllCaps && !IsEponym(tokens, j))
        {
            spans.Add(new PhiSpan(tokens[i].Start, tokens[j].End, PhiTypes.Name, 0.75));
        }
    }

    /// <summary>A capitalised word inside a sentence that is no English word, clinical term, abbreviation or known
    /// place: a proper noun, most often a person ("early Yefremova") and otherwise a place or a company - all of
    /// which a redaction should hide. Two such words together are surer than one.</summary>
    private void AddUnknownProperNoun(List<Token> tokens, List<PhiSpan> spans, int i, bool shorthand)
    {
        var token = tokens[i];
        if (!IsUnknownWord(token) || IsEponym(tokens, i) || Glued(tokens, i) || (i + 1 < tokens.Count && tokens[i + 1].Text == ":"))
        {
            return;
        }

        var sentenceStart = token.LineStart || i == 0 || tokens[i - 1].Text is "." or "!" or "?" or ":" or ";" or "\"" or "(" or "-" or ">" or "*";
        var last = i;
        while (last + 1 < tokens.Count && !tokens[last + 1].LineStart && tokens[last + 1].IsTitleCase && last - i < 3
               && (IsUnknownWord(tokens[last + 1]) || IsNameWord(tokens[last + 1])) && !dictionaries.IsCommonWord(tokens[last + 1].Text))
        {
            last++;
        }

        if (last > i)
        {
            spans.Add(new PhiSpan(token.Start, tokens[last].End, PhiTypes.Name, 0.7));
        }
        else if (!sentenceStart && (!shorthand || tokens[i - 1].Lower is "in" or "from" or "at" or "near" or "with" or "and" or "per" or "to"))
        {
            spans.Add(new PhiSpan(token.Start, token.End, PhiTypes.Name, 0.55));
        }
    }

    /// <summary>Clinical shorthand (a nursing note): many units and abbreviations. There, a lone unknown capitalised
    /// word is far more often a drug, device or system than a person.</summary>
    private bool IsClinicalShorthand(List<Token> tokens)
    {
        int words = 0, shorthand = 0;
        foreach (var t in tokens)
        {
            if (t.IsWord)
            {
                words++;
                shorthand += dictionaries.ClinicalAbbreviations.Contains(t.Text) ? 1 : 0;
            }
        }

        return words >= 20 && shorthand * 100 > words * 6;
    }

    private static bool Glued(List<Token> tokens, int i) =>
        (i + 1 < tokens.Count && tokens[i + 1].Start == tokens[i].End && tokens[i + 1].Kind == TokenKind.Number)
        || (i > 0 && tokens[i - 1].End == tokens[i].Start && tokens[i - 1].Kind == TokenKind.Number);

    /// <summary>Word endings of drug names (USAN stems): -pril, -olol, -sartan, -statin, -mycin...</summary>
    private static readonly string[] DrugStems =
    [
        "pril", "olol", "alol", "sartan", "statin", "azole", "mycin", "micin", "cillin", "cycline", "floxacin", "oxacin", "dipine", "parin", "semide",
        "thiazide", "curium", "curonium", "azepam", "zolam", "tidine", "prazole", "setron", "triptan", "vir", "mab", "nib", "lukast", "terol", "sone",
        "olone", "profen", "caine", "xaban", "gatran", "afil", "platin", "rubicin", "zosin", "dronate", "fibrate", "gliptin", "glitazone", "barbital",
        "tropin", "pressin", "amide", "azine", "oxetine", "triptyline", "pramine", "peridol", "apine", "idone", "done", "phylline", "fentanil",
        "morphone", "codone", "orphine", "kinase", "plase", "teplase", "cef", "penem", "bactam", "mide", "lol", "pam", "lam", "ide", "ate", "cin",
        "ine", "ol", "il", "ix", "ex", "ax", "ox", "yl", "in", "one", "ium", "vent", "cath", "pril"
    ];

    private static bool HasDrugStem(string lower)
    {
        foreach (var stem in DrugStems)
        {
            if (lower.Length > stem.Length + 2 && lower.EndsWith(stem, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsUnknownWord(Token t) =>
        t.IsWord && t.Text.Length >= 3 && !t.Text.Contains('\'', StringComparison.Ordinal) && !dictionaries.IsCommonWord(t.Text)
        && !(!t.IsAllCaps && t.Text.Skip(1).Any(char.IsUpper) && !InnerCapitalNameRegex().IsMatch(t.Text))
        && !(t.Text.Contains('-', StringComparison.Ordinal) && t.Text.Split('-').Any(part => dictionaries.IsCommonWord(part) || part.Length < 2))
        && !(dictionaries.ClinicalTerms.Count > 0 && HasDrugStem(t.Lower) && !IsNameWord(t)) && !Relations.Contains(t.Lower)
        && !dictionaries.EnglishWords.Contains(t.Lower.TrimEnd('s')) && !Departments.Contains(t.Lower) && !Titles.Contains(t.Lower)
        && !dictionaries.StateNames.Contains(t.Text) && !Credentials.Contains(t.Text);

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
        var known = parts.Count(p => IsNameWord(p) && !dictionaries.IsCommonWord(p.Text));
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
        else if (dictionaries.AmbiguousNames.Contains(token.Text) || dictionaries.EnglishWords.Contains(token.Lower) || dictionaries.ClinicalAbbreviations.Contains(token.Text))
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

    private void AddBackward(List<Token> tokens, List<PhiSpan> spans, int credential, bool caseBlind)
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
            if (t.Text == "." && j > 0 && (tokens[j - 1].IsInitial || (caseBlind && tokens[j - 1].Text.Length == 1)))
            {
                j--;
                continue;
            }

            var fits = caseBlind
                ? t.IsWord && (t.Text.Length == 1 || dictionaries.IsName(t.Text) || !dictionaries.EnglishWords.Contains(t.Lower))
                  && !dictionaries.ClinicalAbbreviations.Contains(t.Text) && !FunctionWords.Contains(t.Lower) && !Departments.Contains(t.Lower)
                : t.IsWord && (t.IsCapitalized || t.IsAllCaps) && !IsStop(t) && !FunctionWords.Contains(t.Lower)
                  && (t.Text.Length == 1 || IsNameWord(t) || !dictionaries.EnglishWords.Contains(t.Lower));
            if (!fits || Credentials.Contains(t.Text.ToUpperInvariant()) || Titles.Contains(t.Lower)
                || (j > 0 && tokens[j - 1].End == t.Start && tokens[j - 1].Kind == TokenKind.Number))
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

        if (first >= 0 && Parts(tokens, first, last).Any(p => p.Text.Length >= 2))
        {
            Add(tokens, spans, (first, last), 0.93, Mode.Title);
        }
    }

    private void AddReverseRelation(List<Token> tokens, List<PhiSpan> spans, int relation, bool caseBlind)
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

        bool Fits(Token t) => (t.IsTitleCase && !IsStop(t)) || (caseBlind && t.IsWord && dictionaries.IsName(t.Text) && !dictionaries.IsCommonWord(t.Text));
        if (j >= 0 && Fits(tokens[j]))
        {
            var first = j;
            if (j - 1 >= 0 && Fits(tokens[j - 1]) && !tokens[j].LineStart)
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

            if (t.Text == "." && parts > 0 && tokens[j - 1].Text.Length == 1)
            {
                j++;
                continue;
            }

            if (!t.IsWord)
            {
                break;
            }

            var accepted = (t.IsInitial && (t.Text != "I" || (j + 1 < tokens.Count && tokens[j + 1].Text == ".")))
                || (allowLowercase && t.Text.Length == 1 && char.IsLetter(t.Text[0]) && j + 1 < tokens.Count && tokens[j + 1].Text == "." && j + 2 < tokens.Count && tokens[j + 2].IsWord)
                || (IsNameLike(t) && (!IsStop(t) || (parts == 0 && mode == Mode.Title && !Departments.Contains(t.Lower))) && !(t.IsAllCaps && allowLowercase && parts == 0 && !IsAllCapsNameCandidate(t, mode)))
                || (allowLowercase && t.IsLower && (parts == 0 ? IsLowercaseName(t, mode) : dictionaries.IsDistinctiveName(t.Text)));
            if (!accepted || Credentials.Contains(t.Text))
            {
                break;
            }

            first = first < 0 ? j : first;
            last = j;
            parts++;
            if (t.Possessive || (parts == 1 && t.IsLower && !(j + 1 < tokens.Count && tokens[j + 1].IsLower && dictionaries.IsDistinctiveName(tokens[j + 1].Text)) && !(t.Text.Length == 1)))
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

    /// <summary>A lowercase word right after a title may be any surname that is not a plain word or abbreviation
    /// ("dr. lindquist", "dr brown"); after a relative or a label, a given name that is not a function word
    /// ("daughter sarah", "son bill"); after a verb of contact, a name that is no word at all.</summary>
    private bool IsLowercaseName(Token t, Mode mode) => mode switch
    {
        Mode.Title => !FunctionWords.Contains(t.Lower) && !dictionaries.ClinicalAbbreviations.Contains(t.Text) && !dictionaries.ClinicalTerms.Contains(t.Text)
                      && !Departments.Contains(t.Lower) && t.Text.Length >= 2
                      && (dictionaries.IsName(t.Text) || !dictionaries.EnglishWords.Contains(t.Lower)),
        Mode.Relation or Mode.Label => !FunctionWords.Contains(t.Lower) && !dictionaries.ClinicalAbbreviations.Contains(t.Text) && !dictionaries.ClinicalTerms.Contains(t.Text)
                      && (dictionaries.IsGivenName(t.Text) || IsDistinctiveOrUnknown(t)),
        _ => dictionaries.IsDistinctiveName(t.Text),
    };

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
        return hyphen > 0 && t.Text.Split('-').All(part => dictionaries.IsName(part) && !dictionaries.IsCommonWord(part));
    }

    private bool IsStop(Token t) =>
        dictionaries.ClinicalTerms.Contains(t.Text) || (dictionaries.ClinicalAbbreviations.Contains(t.Text) && !(t.IsTitleCase && IsNameWord(t))) || Departments.Contains(t.Lower) || Titles.Contains(t.Lower) || LabelHeads.Contains(t.Lower) && !IsNameWord(t)
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
        i + 2 < tokens.Count && tokens[i + 1].Text == "."
        && ((tokens[i].Text is "M" or "D" && tokens[i + 2].Text is "D" or "O") || (tokens[i].Text == "R" && tokens[i + 2].Text == "N")
            || (tokens[i].Text == "N" && tokens[i + 2].Text == "P") || (tokens[i].Text == "P" && tokens[i + 2].Text == "A"))
        && i > 0 && (tokens[i - 1].Text is "," || tokens[i - 1].IsWord);

    /// <summary>A word that is a distinctive name, or no English word, abbreviation or clinical term at all.</summary>
    private bool IsDistinctiveOrUnknown(Token t) =>
        t.Text.Length >= 3 && !FunctionWords.Contains(t.Lower) && !dictionaries.ClinicalAbbreviations.Contains(t.Text) && !dictionaries.ClinicalTerms.Contains(t.Text)
        && (dictionaries.IsDistinctiveName(t.Text) || (!dictionaries.EnglishWords.Contains(t.Lower) && !dictionaries.EnglishWords.Contains(t.Lower.TrimEnd('s'))
            && !Departments.Contains(t.Lower) && !HasDrugStem(t.Lower)));

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

    /// <summary>In a note written in capitals, a capitalised word after a title or relative is a name only when it
    /// is one ("DR B. GILL", "MS SANTANGELO"), not an abbreviation or plain word ("MR. DIURESED").</summary>
    private bool IsAllCapsNameCandidate(Token t, Mode mode) =>
        !dictionaries.ClinicalAbbreviations.Contains(t.Text) && !FunctionWords.Contains(t.Lower)
        && (mode == Mode.Title ? dictionaries.IsName(t.Text) || !dictionaries.EnglishWords.Contains(t.Lower) : dictionaries.IsGivenName(t.Text) || IsDistinctiveOrUnknown(t));

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von|Fitz)\p{Lu}\p{Ll}+$")]
    private static partial Regex InnerCapitalNameRegex();
}
