using System.Collections.Frozen;
using System.Text.RegularExpressions;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>Street addresses as many countries write them: "28245 Puruntie 82", "Via Roma 131", "ul. Narewska 94",
/// "24 Clarke Avenue", "Apt. 595", "Suite 680", "Unit 5146 Box 1772 DPO AE 91410"; then the rest of the address
/// block after it (town, region, postcode), whether the parts are separated by line breaks, commas or wide gaps.
/// Street type words and street names come from the international lists.</summary>
internal sealed partial class AddressRecognizer(PhiDictionaries dictionaries)
{
    /// <summary>Lowercase words inside street names ("rue de la Hulotais", "Avenida Otoniel Dutra").</summary>
    private static readonly FrozenSet<string> Particles = FrozenSet.ToFrozenSet(
        ["de", "la", "le", "les", "del", "della", "delle", "dei", "di", "da", "do", "dos", "das", "van", "von", "der", "den", "du", "des", "el", "y", "e", "am", "an", "im", "zum", "zur", "auf", "rue", "ul", "via", "al", "u", "na", "pod", "nad"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that open a street name in many countries.</summary>
    private static readonly FrozenSet<string> StreetOpeners = FrozenSet.ToFrozenSet(
        ["via", "viale", "piazza", "corso", "largo", "strada", "vicolo", "rue", "avenue", "boulevard", "place", "chemin", "allée", "impasse", "quai",
         "calle", "avenida", "paseo", "plaza", "camino", "carrera", "rua", "travessa", "praça", "largo", "ul", "ulica", "al", "aleja", "plac", "os",
         "strasse", "straße", "gasse", "weg", "platz", "piazzale", "bulevar", "ulitsa", "utca", "út", "tér"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> NotStreetWords = FrozenSet.ToFrozenSet(
        ["x", "at", "to", "of", "and", "or", "the", "on", "in", "for", "with", "from", "by", "was", "is", "pt", "am", "pm", "bp", "hr", "rr"],
        StringComparer.OrdinalIgnoreCase);

    public void Find(string text, List<Token> tokens, List<PhiSpan> spans, TextCase casing)
    {
        if (casing == TextCase.Upper)
        {
            return;
        }

        var found = new List<PhiSpan>();
        Streets(tokens, found, casing);
        foreach (Match m in SecondaryUnitRegex().Matches(text))
        {
            found.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Address, 0.88));
        }

        foreach (Match m in MilitaryRegex().Matches(text))
        {
            found.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiTypes.Address, 0.92));
        }

        // The block after any address, including the US ones the pattern recogniser found.
        var ends = found.Concat(spans.Where(s => s.Type == PhiTypes.Address)).Select(s => s.End).Distinct().ToList();
        spans.AddRange(found);
        foreach (var end in ends)
        {
            Block(text, end, spans);
        }
    }

    private void Streets(List<Token> tokens, List<PhiSpan> found, TextCase casing)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var start = i;
            var hasNumber = tokens[i].Kind == TokenKind.Number && tokens[i].Text.Length <= 6 && !GluedToLetters(tokens, i);
            var w = hasNumber ? i + 1 : i;

            // "3369 24 Clarke Avenue": a building number before the house number.
            if (hasNumber && w + 1 < tokens.Count && tokens[w].Kind == TokenKind.Number && tokens[w].Text.Length <= 4 && tokens[w + 1].IsWord && !tokens[w].LineStart)
            {
                w++;
            }

            if (w >= tokens.Count || !tokens[w].IsWord || tokens[w].LineStart && hasNumber)
            {
                continue;
            }

            // Up to five words of a street name.
            var evidence = false;
            var words = 0;
            var k = w;
            while (k < tokens.Count && words < 5 && !(k > w && tokens[k].LineStart))
            {
                var t = tokens[k];
                if (t.Text == "." && k > w && tokens[k - 1].IsWord)
                {
                    k++;
                    continue;
                }

                if (!t.IsWord || !IsStreetPart(t, words == 0, casing))
                {
                    break;
                }

                evidence |= IsStreetEvidence(tokens, w, k);
                words++;
                k++;
            }

            if (words == 0)
            {
                continue;
            }

            var last = k - 1;
            while (last > w && tokens[last].Text == ".")
            {
                last--;
            }

            // "Puruntie 82": the number after the street name.
            var numberAfter = k < tokens.Count && tokens[k].Kind == TokenKind.Number && tokens[k].Text.Length <= 5 && !tokens[k].LineStart
                              && !GluedToLetters(tokens, k) && !FollowedByUnit(tokens, k);
            var endsWithType = dictionaries.StreetWords.Contains(tokens[last].Text) && tokens[last].IsCapitalized && !dictionaries.ClinicalAbbreviations.Contains(tokens[last].Text);
            var titled = Enumerable.Range(w, k - w).Any(x => tokens[x].IsTitleCase || (tokens[x].IsWord && tokens[x].Text.Length > 3 && tokens[x].IsCapitalized));
            if (!titled && casing == TextCase.Mixed)
            {
                continue;
            }

            var unknownWords = Enumerable.Range(w, k - w).Any(x => tokens[x].IsWord && tokens[x].Text.Length > 2 && !dictionaries.EnglishWords.Contains(tokens[x].Lower));
            var decimalAfter = k + 2 < tokens.Count && tokens[k + 1].Text == "." && tokens[k + 1].Start == tokens[k].End && tokens[k + 2].Kind == TokenKind.Number;
            if (hasNumber && numberAfter && !decimalAfter && (evidence || casing == TextCase.Mixed || unknownWords))
            {
                found.Add(new PhiSpan(tokens[start].Start, tokens[k].End, PhiTypes.Address, evidence ? 0.9 : 0.8));
                i = k;
            }
            else if (numberAfter && evidence)
            {
                found.Add(new PhiSpan(tokens[w].Start, tokens[k].End, PhiTypes.Address, 0.85));
                i = k;
            }
            else if (hasNumber && endsWithType && words >= 2)
            {
                found.Add(new PhiSpan(tokens[start].Start, tokens[last].End, PhiTypes.Address, 0.85));
                i = last;
            }
        }
    }

    private bool IsStreetPart(Token t, bool first, TextCase casing)
    {
        if (NotStreetWords.Contains(t.Text) || dictionaries.ClinicalAbbreviations.Contains(t.Text) || dictionaries.ClinicalTerms.Contains(t.Text))
        {
            return false;
        }

        if (t.IsCapitalized && !(t.IsAllCaps && t.Text.Length <= 3))
        {
            return true;
        }

        return casing == TextCase.Lower
            ? !dictionaries.EnglishWords.Contains(t.Lower) || dictionaries.StreetWords.Contains(t.Text)
            : Particles.Contains(t.Text) || (!first && dictionaries.StreetWords.Contains(t.Text));
    }

    /// <summary>Something that makes a run of words a street: a street type word (also as a suffix, as in
    /// "Nybyvägen", "Brixtonlaan"), a known street name, or an opening word such as "Via" or "ul.".</summary>
    private bool IsStreetEvidence(List<Token> tokens, int first, int k)
    {
        var t = tokens[k];
        if (k == first && StreetOpeners.Contains(t.Text))
        {
            return true;
        }

        if (dictionaries.IntlStreets.Contains(t.Text) || (k > first && dictionaries.IntlStreets.Contains(tokens[k - 1].Text + " " + t.Text)))
        {
            return true;
        }

        if (dictionaries.StreetWords.Contains(t.Text) && k > first)
        {
            return true;
        }

        var lower = t.Lower;
        foreach (var suffix in StreetSuffixes)
        {
            if (lower.Length > suffix.Length + 2 && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Street type words written as a suffix in Germanic, Nordic, Baltic and Finnish addresses.</summary>
    private static readonly string[] StreetSuffixes =
    [
        "straße", "strasse", "str", "gasse", "weg", "allee", "platz", "laan", "straat", "gracht", "plein", "dreef", "vej", "gade", "vägen", "gatan",
        "väg", "gata", "veien", "vegen", "gata", "stien", "tie", "katu", "kuja", "polku", "tee", "iela", "gatvė", "braut", "vegur", "stræde", "sti",
    ];

    private static bool GluedToLetters(List<Token> tokens, int i) =>
        (i > 0 && tokens[i - 1].End == tokens[i].Start && tokens[i - 1].Kind != TokenKind.Punctuation)
        || (i + 1 < tokens.Count && tokens[i + 1].Start == tokens[i].End && tokens[i + 1].Kind == TokenKind.Word);

    private static readonly FrozenSet<string> Units = FrozenSet.ToFrozenSet(
        ["mg", "mcg", "ug", "g", "kg", "ml", "cc", "l", "hr", "hrs", "min", "mins", "units", "u", "mmhg", "cm", "mm", "meq", "mmol", "x", "bpm", "pm", "am"],
        StringComparer.OrdinalIgnoreCase);

    private static bool FollowedByUnit(List<Token> tokens, int i) =>
        i + 1 < tokens.Count && (tokens[i + 1].Text is "%" or "/" or ":" || (tokens[i + 1].IsWord && Units.Contains(tokens[i + 1].Text)));

    /// <summary>After an address: up to four more parts (town, region, country, postcode) separated by a line
    /// break, a comma, a wide gap or a list marker, each a few capitalised words or a postcode.</summary>
    private void Block(string text, int end, List<PhiSpan> spans)
    {
        var position = end;
        for (var part = 0; part < 4; part++)
        {
            var m = BlockPartRegex().Match(text, position);
            if (!m.Success || m.Index != position)
            {
                return;
            }

            var value = m.Groups["part"];
            var words = value.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Any(w => dictionaries.EnglishWords.Contains(w) && !dictionaries.IntlPlaces.Contains(w) && w.Any(char.IsLower) && !char.IsUpper(w[0])))
            {
                return;
            }

            var type = value.Value.Any(char.IsDigit) ? PhiTypes.Zip
                : dictionaries.StreetWords.Contains(value.Value.TrimEnd('.')) ? PhiTypes.Address : PhiTypes.City;
            spans.Add(new PhiSpan(value.Index, value.Index + value.Length, type, 0.82));
            position = value.Index + value.Length;
        }
    }

    [GeneratedRegex(@"\G(?:[ \t]*(?:\r?\n|,|>|\?{2,}|\||;|[ \t]{2})[ \t>?]*|[ \t]+)(?<part>(?:[A-Z0-9][A-Za-z0-9]?[0-9][A-Z0-9]?[ -]?[0-9][A-Z][A-Z0-9]?|\d{2,3}[ -]\d{2,3}|\d{3,5}(?:-\d{3,4})?|[\p{Lu}][\p{L}'’.()-]*(?:[ -](?:[\p{Lu}][\p{L}'’.()-]*|de|la|le|del|di|da|do|nad|pod|am|an|im|sur|en|on|upon)){0,3}(?:[ \t]+\d{3,5}(?:-\d{3,4})?)?))(?![\p{L}\d])")]
    private static partial Regex BlockPartRegex();

    [GeneratedRegex(@"\b(?:Apt|Apartment|Suite|Ste|Flat|Unit|Box|Bldg|Building)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b(?:\s+Box\s+\d{1,5}\b)?")]
    private static partial Regex SecondaryUnitRegex();

    [GeneratedRegex(@"\b(?:(?:USNS|USNV|USS|USCGC)\s+[A-Z][a-z]+\s+|PSC\s+\d{1,5},?\s+Box\s+\d{1,5}\s+|Unit\s+\d{1,5}\s+Box\s+\d{1,5}\s+)?(?:FPO|APO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b")]
    private static partial Regex MilitaryRegex();
}
