using System.Collections.Frozen;
using System.Text.RegularExpressions;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Places: hospitals and other organisations (a run of capitalised words ending in a facility word), cities
/// from the place list or in "City, ST" form, states written out or abbreviated next to a city or ZIP code, and
/// ZIP codes next to a state or a "ZIP" label.</summary>
internal sealed partial class LocationRecognizer(PhiDictionaries dictionaries)
{
    private static readonly FrozenSet<string> FacilityWords = Set(
        "hospital", "hospitals", "clinic", "clinics", "infirmary", "healthcare", "hospice", "sanatorium", "sanitarium", "medical", "health",
        "rehabilitation", "rehab", "nursing", "memorial", "general", "children's", "pediatrics", "institute", "center", "centre", "pavilion");

    /// <summary>Facility words that end a name on their own ("Mercy Hospital"); the others need a following word
    /// ("Medical Center", "Health System").</summary>
    private static readonly FrozenSet<string> FacilityHeads = Set(
        "hospital", "hosp", "clinic", "infirmary", "healthcare", "hospice", "sanatorium", "sanitarium", "center", "centre", "institute", "system",
        "home", "facility", "associates", "practice", "physicians", "specialists", "medicine", "group", "partners", "network", "pavilion", "memorial", "general", "house", "residence", "manor",
        "village", "services");

    private static readonly FrozenSet<string> OrganizationHeads = Set(
        "inc", "llc", "corp", "corporation", "company", "co", "ltd", "pharmacy", "pharmacies", "laboratories", "labs", "university", "college",
        "school", "academy", "church", "bank", "foundation", "society", "association");

    private static readonly FrozenSet<string> ServiceWords = Set(
        "heart", "lung", "kidney", "liver", "brain", "spine", "sleep", "pain", "wound", "vein", "eye", "skin", "bone", "joint", "breast",
        "diabetes", "memory", "movement", "stroke", "cancer", "anticoagulation", "coumadin", "infusion", "dialysis", "transplant", "fertility",
        "women's", "men's", "children's", "pediatric", "adult", "geriatric", "senior", "urgent", "walk-in", "outpatient", "inpatient", "community",
        "ambulatory", "day", "surgical", "surgery", "specialty", "primary", "family", "mental", "behavioral", "addiction", "recovery",
        "rehabilitation", "rehab", "physical", "occupational", "speech", "therapy", "imaging", "radiology", "infusion", "vascular", "cardiac",
        "failure", "disease", "disorders", "medicine", "medical", "health", "care", "center", "services", "clinic", "lipid", "hypertension",
        "coagulation", "hepatology", "endoscopy", "nuclear", "internal", "emergency", "sports", "tropical", "hyperbaric", "integrative", "preventive", "occupational", "aerospace", "respiratory", "pulmonary", "critical", "palliative", "genetic", "fetal", "maternal", "neonatal", "veterinary", "procedure", "procedures", "interventional", "allergy", "immunology", "asthma", "travel");

    private static readonly FrozenSet<string> Connectors = Set("of", "the", "and", "&", "st", "saint", "-");

    private static readonly FrozenSet<string> ResidenceVerbs = Set("lives", "live", "living", "resides", "reside", "residing", "moved", "relocated", "born", "raised", "grew", "home", "based", "located", "arrived", "visiting", "headquartered");

    private static readonly FrozenSet<string> PlacePrepositions = Set("in", "from", "to", "at", "near", "of", "lives", "resides", "moved", "born", "visiting", "outside");

    /// <summary>Two-letter state codes that are also common clinical abbreviations or credentials.</summary>
    private static readonly FrozenSet<string> AmbiguousStateCodes = FrozenSet.ToFrozenSet(
        ["MD", "PA", "DO", "ME", "OR", "IN", "OK", "ID", "HI", "MS", "MI", "CT", "CO", "DE", "LA", "NE", "AL", "IL", "PR", "GA", "VA", "SC", "MO", "NC", "ND", "SD", "MT", "UT"],
        StringComparer.Ordinal);

    private readonly PhiDictionaries dictionaries = dictionaries;

    private readonly AddressRecognizer addresses = new(dictionaries);

    public void Find(string text, List<Token> tokens, List<PhiSpan> spans, TextCase casing)
    {
        if (casing == TextCase.Mixed)
        {
            Facilities(tokens, spans);
            Cities(tokens, spans);
            IntlPlaces(tokens, spans);
        }
        else
        {
            CaseBlindFacilities(tokens, spans);
        }

        Destinations(tokens, spans, casing);
        AcronymBeforeUnit(tokens, spans, casing);
        States(tokens, spans);
        CityStateZip(text, spans, casing);
        LabelledZips(text, spans);
        PlacesOfResidence(tokens, spans, casing);
        addresses.Find(text, tokens, spans, casing);
    }

    private static readonly FrozenSet<string> MovementVerbs = Set(
        "admitted", "admit", "transferred", "transfered", "tranfered", "transfer", "taken", "brought", "sent", "arrived", "discharged",
        "go", "moved", "flown", "flying", "flew", "driven", "readmitted");

    /// <summary>"transferred to GH", "admitted to quartermain 2", "TAKEN TO LAUREL REGIONAL", "flying in from Rome": after a
    /// verb of movement and a preposition, up to three words that are not plain English, clinical shorthand or a kind
    /// of unit (CCU, floor, rehab), at least one of them an acronym, an unknown word or a known place.</summary>
    private void Destinations(List<Token> tokens, List<PhiSpan> spans, TextCase casing)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!MovementVerbs.Contains(tokens[i].Lower))
            {
                continue;
            }

            var k = i + 1;
            if (tokens[k].Lower is "in" or "back" or "out" or "over" && k + 1 < tokens.Count)
            {
                k++;
            }

            if (tokens[k].Lower is not ("to" or "from" or "at"))
            {
                continue;
            }

            k++;
            if (k < tokens.Count && tokens[k].Lower == "the")
            {
                k++;
            }

            var first = k;
            var last = -1;
            var strong = false;
            for (; k < tokens.Count && k < first + 3 && tokens[k].IsWord && !tokens[k].LineStart; k++)
            {
                var t = tokens[k];
                if (NotFacilityWords.Contains(t.Lower) && !FacilityHeads.Contains(t.Lower) && !CaseBlindHeads.Contains(t.Lower)
                    || dictionaries.ClinicalAbbreviations.Contains(t.Text) && !CaseBlindHeads.Contains(t.Lower) || dictionaries.ClinicalTerms.Contains(t.Text)
                    || NameRecognizer.Departments.Contains(t.Lower) && !FacilityHeads.Contains(t.Lower) || dictionaries.StateNames.Contains(t.Text))
                {
                    break;
                }

                var acronym = t.IsAllCaps && t.Text.Length is >= 2 and <= 5 && (casing != TextCase.Upper || !dictionaries.EnglishWords.Contains(t.Lower));
                var unknown = !dictionaries.EnglishWords.Contains(t.Lower) && !dictionaries.EnglishWords.Contains(t.Lower.TrimEnd('s')) && t.Text.Length >= 2;
                var place = dictionaries.Cities.Contains(t.Text) || dictionaries.IntlPlaces.Contains(t.Text);
                var titled = casing == TextCase.Mixed && t.IsTitleCase;
                if (!(acronym || unknown || place || titled || FacilityHeads.Contains(t.Lower) || CaseBlindHeads.Contains(t.Lower)
                      || (casing == TextCase.Upper && k > first)))
                {
                    break;
                }

                strong |= (acronym || unknown || place) && !CaseBlindHeads.Contains(t.Lower) && !FacilityHeads.Contains(t.Lower);
                last = k;
            }

            if (last >= first && strong)
            {
                spans.Add(new PhiSpan(tokens[first].Start, tokens[last].End, PhiTypes.Hospital, 0.75));
            }
        }
    }

    private static readonly FrozenSet<string> UnitKinds = Set("ew", "er", "ed", "tcu", "micu", "sicu", "ccu", "csru", "icu", "cath", "or", "ir", "pacu", "nicu", "picu", "rehab", "hospital", "hosp", "clinic");

    /// <summary>"GH EW", "MGH cath lab", "GH TCU": an acronym that is no word or abbreviation, right before a kind of
    /// unit, names the hospital.</summary>
    private void AcronymBeforeUnit(List<Token> tokens, List<PhiSpan> spans, TextCase casing)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsWord && t.IsAllCaps && t.Text.Length is >= 2 and <= 5 && (casing != TextCase.Lower) && UnitKinds.Contains(tokens[i + 1].Lower) && !tokens[i + 1].LineStart
                && !dictionaries.ClinicalAbbreviations.Contains(t.Text) && !dictionaries.EnglishWords.Contains(t.Lower) && !dictionaries.StateAbbreviations.ContainsKey(t.Text)
                && !NameRecognizer.Departments.Contains(t.Lower))
            {
                spans.Add(new PhiSpan(t.Start, t.End, PhiTypes.Hospital, 0.75));
            }
        }
    }

    /// <summary>Facility heads that name a place of care on their own in notes written in one case.</summary>
    private static readonly FrozenSet<string> CaseBlindHeads = Set("hospital", "hosp", "rehab", "infirmary", "hospice", "clinic", "manor", "pavilion");

    private static readonly FrozenSet<string> NotFacilityWords = Set(
        "the", "a", "an", "to", "at", "from", "in", "of", "for", "and", "or", "with", "w", "was", "is", "be", "his", "her", "their", "this", "that",
        "pt", "pts", "patient", "go", "going", "went", "back", "home", "other", "outside", "another", "same", "local", "discharge", "discharged",
        "transfer", "transferred", "admitted", "admit", "return", "returned", "returning", "acute", "inpatient", "outpatient", "prior", "previous",
        "his", "her", "into", "by", "per", "on", "rehab", "hospital", "hosp", "dc", "d/c", "screen", "screening", "bed", "beds", "placement", "plan",
        "plans", "for", "possible", "possibly", "needs", "need", "will", "would", "may", "can", "pulmonary", "cardiac", "acute", "sub", "subacute",
        "long", "term", "ltc", "ltac", "snf", "vent", "nursing", "care", "day", "days", "week", "weeks", "then", "when", "after", "before", "until");

    /// <summary>"UNION HOSP", "kimbrough rehab", "reisterstown hospital": up to three words before a facility head in a
    /// note that does not use letter case, none of them a function word, clinical word or plain English word that
    /// would start a phrase ("transferred to rehab").</summary>
    private void CaseBlindFacilities(List<Token> tokens, List<PhiSpan> spans)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord || !CaseBlindHeads.Contains(tokens[i].Lower) || tokens[i].LineStart)
            {
                continue;
            }

            var first = i;
            for (var k = i - 1; k >= 0 && i - k <= 3 && !tokens[k + 1].LineStart; k--)
            {
                var t = tokens[k];
                if (!t.IsWord || NotFacilityWords.Contains(t.Lower) || dictionaries.ClinicalAbbreviations.Contains(t.Text) || dictionaries.ClinicalTerms.Contains(t.Text)
                    || NameRecognizer.Departments.Contains(t.Lower) || t.Text.Length < 2)
                {
                    break;
                }

                first = k;
            }

            if (first < i && Enumerable.Range(first, i - first).Any(k => !dictionaries.EnglishWords.Contains(tokens[k].Lower) || dictionaries.Cities.Contains(tokens[k].Text)
                    || dictionaries.IntlPlaces.Contains(tokens[k].Text) || dictionaries.IsName(tokens[k].Text)))
            {
                spans.Add(new PhiSpan(tokens[first].Start, tokens[i].End, PhiTypes.Hospital, 0.8));
            }
        }
    }

    /// <summary>Towns and regions of many countries, written capitalised or in capitals. One that is also a plain
    /// word or a person's name needs a preposition of place before it.</summary>
    private void IntlPlaces(List<Token> tokens, List<PhiSpan> spans)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord || !tokens[i].IsCapitalized)
            {
                continue;
            }

            for (var n = Math.Min(dictionaries.MaxPlaceWords, tokens.Count - i); n >= 1; n--)
            {
                if (!AllWords(tokens, i, n))
                {
                    continue;
                }

                var name = string.Join(' ', tokens.GetRange(i, n).Select(t => t.Text));
                if (!dictionaries.IntlPlaces.Contains(name) || dictionaries.StateNames.Contains(name))
                {
                    continue;
                }

                var last = i + n - 1;
                var context = i > 0 && PlacePrepositions.Contains(tokens[i - 1].Lower);
                var ambiguous = n == 1 && (dictionaries.IsCommonWord(name) || dictionaries.IsName(name) || name.Length < 4
                                           || dictionaries.StateNames.Contains(name) || NameRecognizer.Departments.Contains(name));
                if (!ambiguous || context)
                {
                    spans.Add(new PhiSpan(tokens[i].Start, tokens[last].End, PhiTypes.City, context ? 0.85 : 0.75));
                }

                i = last;
                break;
            }
        }
    }

    /// <summary>"lives in Westbury", "moved from Cedar Falls": a place the list does not know.</summary>
    private void PlacesOfResidence(List<Token> tokens, List<PhiSpan> spans, TextCase casing)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            var residence = ResidenceVerbs.Contains(tokens[i].Lower) && tokens[i + 1].Lower is "in" or "to" or "from" or "near" or "outside" or "at";
            if (casing != TextCase.Mixed)
            {
                // "lives in parkville", "LIVES IN MILFORD MILL": a word that is no plain English word, or a known place.
                if (residence)
                {
                    var end = -1;
                    for (var k = i + 2; k < tokens.Count && k < i + 4 && tokens[k].IsWord && !tokens[k].LineStart; k++)
                    {
                        var t = tokens[k];
                        var place = dictionaries.Cities.Contains(t.Text) || dictionaries.IntlPlaces.Contains(t.Text)
                                    || (!dictionaries.IsCommonWord(t.Text) && !dictionaries.EnglishWords.Contains(t.Lower.TrimEnd('s')) && t.Text.Length >= 3);
                        if (!place || dictionaries.StateNames.Contains(t.Text) || NotFacilityWords.Contains(t.Lower))
                        {
                            break;
                        }

                        end = k;
                    }

                    if (end >= 0)
                    {
                        spans.Add(new PhiSpan(tokens[i + 2].Start, tokens[end].End, PhiTypes.City, 0.75));
                    }
                }

                continue;
            }

            // "a retired postal worker from Deer Park": weaker, since "from" also introduces other things.
            var origin = tokens[i].Lower == "from" && !tokens[i].LineStart;
            if (!residence && !origin)
            {
                continue;
            }

            var first = residence ? i + 2 : i + 1;
            var last = first - 1;
            for (var k = first; k < tokens.Count && k < first + 3 && tokens[k].IsTitleCase && !tokens[k].LineStart
                 && !dictionaries.ClinicalTerms.Contains(tokens[k].Text) && !dictionaries.StateNames.Contains(tokens[k].Text)
                 && !NameRecognizer.Departments.Contains(tokens[k].Lower) && !dictionaries.FirstNames.Contains(tokens[k].Text); k++)
            {
                last = k;
            }

            if (last >= first && !FacilityHeads.Contains(tokens[last].Lower) && !OrganizationHeads.Contains(tokens[last].Lower)
                && !(origin && last == first && (dictionaries.EnglishWords.Contains(tokens[first].Lower) || dictionaries.EnglishWords.Contains(tokens[first].Lower.TrimEnd('s')))))
            {
                spans.Add(new PhiSpan(tokens[first].Start, tokens[last].End, PhiTypes.City, residence ? 0.7 : 0.6));
            }
        }
    }

    private void Facilities(List<Token> tokens, List<PhiSpan> spans)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!t.IsWord || !(t.IsCapitalized))
            {
                continue;
            }

            var lower = t.Lower;
            var isFacility = FacilityHeads.Contains(lower) && (lower is not ("general" or "memorial" or "group" or "system" or "home" or "services") || HasCapitalizedBefore(tokens, i, 1));
            var isOrganization = OrganizationHeads.Contains(lower);
            if (!isFacility && !isOrganization)
            {
                continue;
            }

            // Extend right over "of the X" / "of X" ("Hospital of the University of Pennsylvania").
            var last = i;
            var j = i + 1;
            while (j + 1 < tokens.Count && !tokens[j].LineStart && tokens[j].Lower is "of" or "for" or "at")
            {
                var k = j + 1;
                if (tokens[k].Lower == "the" && k + 1 < tokens.Count)
                {
                    k++;
                }

                if (!tokens[k].IsCapitalized || tokens[k].LineStart)
                {
                    break;
                }

                while (k < tokens.Count && tokens[k].IsCapitalized && tokens[k].IsWord && !tokens[k].LineStart)
                {
                    last = k;
                    k++;
                }

                j = k;
            }

            // Extend left over capitalised words and connectors.
            var first = i;
            var words = 0;
            for (var k = i - 1; k >= 0 && words < 6; k--)
            {
                var p = tokens[k];
                if (tokens[k + 1].LineStart)
                {
                    break;
                }

                if (p.IsWord && p.IsCapitalized && !IsSentenceVerb(tokens, k))
                {
                    first = k;
                    words++;
                }
                else if ((p.IsWord && Connectors.Contains(p.Lower) && k > 0 && tokens[k - 1].IsCapitalized) || p.Text is "'" or "." && k > 0 && tokens[k - 1].Lower is "st")
                {
                    continue;
                }
                else
                {
                    break;
                }
            }

            while (first < i && (tokens[first].Lower is "the" or "at" or "of" or "and" || !tokens[first].IsWord))
            {
                first++;
            }

            if (first == i && last == i)
            {
                continue;
            }

            // "Heart Failure Clinic", "Cardiology Clinic": a service, not a named facility.
            if (IsGenericService(tokens, first, last, i))
            {
                continue;
            }

            var type = isFacility || HasFacilityWord(tokens, first, last) ? PhiTypes.Hospital : PhiTypes.Organization;
            spans.Add(new PhiSpan(tokens[first].Start, tokens[last].End, type, 0.88));
        }
    }

    private bool IsGenericService(List<Token> tokens, int first, int last, int head)
    {
        for (var k = first; k <= last; k++)
        {
            var word = tokens[k];
            if (k == head || !word.IsWord || Connectors.Contains(word.Lower) || FacilityWords.Contains(word.Lower) || FacilityHeads.Contains(word.Lower))
            {
                continue;
            }

            if (!dictionaries.ClinicalTerms.Contains(word.Text) && !NameRecognizer.Departments.Contains(word.Lower) && !ServiceWords.Contains(word.Lower))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasFacilityWord(List<Token> tokens, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (FacilityWords.Contains(tokens[k].Lower))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasCapitalizedBefore(List<Token> tokens, int i, int count) =>
        i - count >= 0 && tokens[i - count].IsWord && tokens[i - count].IsCapitalized && !tokens[i].LineStart;

    /// <summary>A capitalised word that starts a sentence rather than a name ("Transferred to Mercy Hospital").</summary>
    private static bool IsSentenceVerb(List<Token> tokens, int k) =>
        tokens[k].Lower.EndsWith("ed", StringComparison.Ordinal) && (k == 0 || tokens[k].LineStart || tokens[k - 1].Text is "." or ":" or ";");

    private void Cities(List<Token> tokens, List<PhiSpan> spans)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord || !tokens[i].IsCapitalized)
            {
                continue;
            }

            for (var n = Math.Min(dictionaries.MaxCityWords, tokens.Count - i); n >= 1; n--)
            {
                if (!AllWords(tokens, i, n))
                {
                    continue;
                }

                var name = string.Join(' ', tokens.GetRange(i, n).Select(t => t.Text));
                if (!dictionaries.Cities.Contains(name))
                {
                    continue;
                }

                var last = i + n - 1;
                var ambiguous = n == 1 && (dictionaries.IsName(name) || dictionaries.AmbiguousNames.Contains(name) || dictionaries.ClinicalTerms.Contains(name));
                var context = (i > 0 && PlacePrepositions.Contains(tokens[i - 1].Lower))
                    || (last + 2 < tokens.Count && tokens[last + 1].Text == "," && IsStateToken(tokens, last + 2));
                if (!ambiguous || context)
                {
                    spans.Add(new PhiSpan(tokens[i].Start, tokens[last].End, PhiTypes.City, context ? 0.88 : 0.78));
                }

                i = last;
                break;
            }
        }
    }

    private bool IsStateToken(List<Token> tokens, int i) =>
        tokens[i].IsWord && (dictionaries.StateAbbreviations.ContainsKey(tokens[i].Text) || dictionaries.StateNames.Contains(tokens[i].Text)
            || (i + 1 < tokens.Count && dictionaries.StateNames.Contains(tokens[i].Text + " " + tokens[i + 1].Text)));

    private void States(List<Token> tokens, List<PhiSpan> spans)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsTitleCase)
            {
                continue;
            }

            for (var n = Math.Min(dictionaries.MaxStateWords, tokens.Count - i); n >= 1; n--)
            {
                if (!AllWords(tokens, i, n, allowLowerConnector: true))
                {
                    continue;
                }

                var name = string.Join(' ', tokens.GetRange(i, n).Select(t => t.Text));
                if (dictionaries.StateNames.Contains(name))
                {
                    var last = i + n - 1;
                    spans.Add(new PhiSpan(tokens[i].Start, tokens[last].End, PhiTypes.State, 0.75));
                    i = last;
                    break;
                }
            }
        }
    }

    private static bool AllWords(List<Token> tokens, int i, int n, bool allowLowerConnector = false)
    {
        for (var k = i; k < i + n; k++)
        {
            if (!tokens[k].IsWord || (k > i && tokens[k].LineStart))
            {
                return false;
            }

            if (!tokens[k].IsCapitalized && !(allowLowerConnector && tokens[k].Lower == "of"))
            {
                return false;
            }
        }

        return true;
    }

    private void CityStateZip(string text, List<PhiSpan> spans, TextCase casing)
    {
        foreach (Match m in CityStateRegex().Matches(text))
        {
            if (casing == TextCase.Upper && !m.Groups["zip"].Success)
            {
                continue;
            }

            var city = m.Groups["city"];
            var state = m.Groups["state"];
            var zip = m.Groups["zip"];
            if (!dictionaries.StateAbbreviations.ContainsKey(state.Value))
            {
                continue;
            }

            var knownCity = dictionaries.Cities.Contains(city.Value);
            var cityIsWord = city.Value.Split(' ').Any(w => dictionaries.ClinicalTerms.Contains(w));
            if (!zip.Success && !knownCity && (AmbiguousStateCodes.Contains(state.Value) || cityIsWord))
            {
                continue;
            }

            spans.Add(new PhiSpan(city.Index, city.Index + city.Length, PhiTypes.City, zip.Success || knownCity ? 0.9 : 0.8));
            spans.Add(new PhiSpan(state.Index, state.Index + state.Length, PhiTypes.State, 0.9));
            if (zip.Success)
            {
                spans.Add(new PhiSpan(zip.Index, zip.Index + zip.Length, PhiTypes.Zip, 0.95));
            }
        }

        foreach (Match m in StateZipRegex().Matches(text))
        {
            var state = m.Groups["state"];
            if (dictionaries.StateAbbreviations.ContainsKey(state.Value) || dictionaries.StateNames.Contains(state.Value))
            {
                spans.Add(new PhiSpan(state.Index, state.Index + state.Length, PhiTypes.State, 0.9));
                var zip = m.Groups["zip"];
                spans.Add(new PhiSpan(zip.Index, zip.Index + zip.Length, PhiTypes.Zip, 0.95));
            }
        }
    }

    private static void LabelledZips(string text, List<PhiSpan> spans)
    {
        foreach (Match m in ZipLabelRegex().Matches(text))
        {
            var zip = m.Groups["zip"];
            spans.Add(new PhiSpan(zip.Index, zip.Index + zip.Length, PhiTypes.Zip, 0.95));
        }
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<city>\b[A-Z][a-zA-Z.'-]+(?:[ ][A-Z][a-zA-Z.'-]+){0,2}),[ \t]*(?<state>[A-Z]{2})\b(?:[ \t]+(?<zip>\d{5}(?:-\d{4})?)\b)?")]
    private static partial Regex CityStateRegex();

    [GeneratedRegex(@"\b(?<state>[A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?),?[ \t]+(?<zip>\d{5}(?:-\d{4})?)\b")]
    private static partial Regex StateZipRegex();

    [GeneratedRegex(@"\b(?:zip|zip\s*code|postal\s*code|zipcode)\s*[:#]?\s*(?<zip>\d{5}(?:-\d{4})?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ZipLabelRegex();
}
