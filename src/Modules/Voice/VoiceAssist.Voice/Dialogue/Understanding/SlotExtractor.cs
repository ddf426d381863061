using System.Text.RegularExpressions;
using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue.Lexicons;

namespace VoiceAssist.Voice.Dialogue.Understanding;

/// <summary>A calculator input as understood from what was said: the value and, for numbers, the unit said with it.</summary>
internal sealed record SlotValue(string Value, string? Unit = null)
{
    public override string ToString() => Unit is null ? Value : $"{Value} {Unit}";
}

/// <summary>Fills a calculator's inputs from one utterance, driven by the catalog: each input's name, label and
/// synonyms, its units and its choices. Numbers are read after the input's name ("creatinine 1.4", "heart rate of
/// 110") or from their unit alone ("70 kg"); blood pressure from "150/90" or "150 over 90"; age and sex from the
/// usual phrasings ("72-year-old woman", "72 yo F", "a man aged 80"); yes/no criteria from being mentioned, unless
/// negated (<see cref="Negation"/>); medicines through their class ("ibuprofen" counts as an NSAID).</summary>
internal sealed partial class SlotExtractor(Lexicon lexicon)
{
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "of", "is", "was", "=", ":", "at", "level", "around", "about", "approximately", "approx", "measured", "today", "currently", "now",
        "the", "a", "an", "reading", "value", "been", "be", "roughly", "only", "actually", "just",
    };

    private static readonly Dictionary<string, string> SexWords = new(StringComparer.Ordinal)
    {
        ["woman"] = "female", ["women"] = "female", ["female"] = "female", ["lady"] = "female", ["girl"] = "female", ["mrs"] = "female", ["ms"] = "female",
        ["man"] = "male", ["men"] = "male", ["male"] = "male", ["gentleman"] = "male", ["gent"] = "male", ["boy"] = "male", ["mr"] = "male",
    };

    private static readonly Dictionary<string, string> Pronouns = new(StringComparer.Ordinal)
    {
        ["she"] = "female", ["her"] = "female", ["he"] = "male", ["him"] = "male", ["his"] = "male",
    };

    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal) { "yes", "yeah", "yep", "yup", "correct", "positive", "present", "affirmative", "true", "she does", "he does", "she has", "he has", "does", "has" };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal) { "no", "nope", "none", "negative", "absent", "false", "she does not", "he does not", "does not", "has not", "not" };

    public IReadOnlyDictionary<string, SlotValue> Extract(Utterance utterance, CalculatorDescriptor calculator, string? awaiting = null)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        ArgumentNullException.ThrowIfNull(calculator);
        var reading = new Reading(utterance, calculator);
        reading.SetAsideCorrectedValues();
        AgeAndSex(reading);
        BloodPressure(reading);
        NamedNumbers(reading);
        NumbersByUnit(reading);
        Flags(reading);
        Choices(reading);
        if (awaiting is not null && !reading.Slots.ContainsKey(awaiting) && calculator.Inputs.FirstOrDefault(i => i.Name == awaiting) is { } input)
        {
            Answer(reading, input);
        }

        return reading.Slots;
    }

    private static void AgeAndSex(Reading r)
    {
        var age = r.Input("age");
        var sex = r.Calculator.Inputs.FirstOrDefault(i => i.Kind == "choice" && i.Choices.Any(c => c.Value == "female") && i.Choices.Any(c => c.Value == "male"));
        if (age is not null)
        {
            foreach (var pattern in (Regex[])[AgeInYears(), AgeAfterWord(), AgeAfterSubject(), AgeBeforeSex()])
            {
                foreach (Match m in pattern.Matches(r.Utterance.Text))
                {
                    var number = m.Groups["n"];
                    var token = r.Utterance.TokenAt(number.Index);
                    if (r.Slots.ContainsKey(age.Name) || r.Taken[token] || pattern == AgeAfterSubject() && SpokenUnits.At(r.Utterance.Tokens, token + 1) is { Unit: not "years" })
                    {
                        continue;
                    }

                    var unit = m.Groups["u"].Success && m.Groups["u"].Value.StartsWith("month", StringComparison.Ordinal) ? "months" : null;
                    r.Set(age.Name, new SlotValue(number.Value, unit), r.Utterance.TokenAt(m.Index), r.Utterance.TokenAt(m.Index + m.Length - 1));
                    if (sex is not null && m.Groups["sex"].Success && SexFromShortWord(m.Groups["sex"].Value) is { } said)
                    {
                        r.Slots[sex.Name] = new SlotValue(said);
                    }
                }
            }
        }

        if (sex is null || r.Slots.ContainsKey(sex.Name))
        {
            return;
        }

        if (AgeBeforeSex().Match(r.Utterance.Text) is { Success: true } shortForm && SexFromShortWord(shortForm.Groups["sex"].Value) is { } stated)
        {
            r.Slots[sex.Name] = new SlotValue(stated);
            return;
        }

        var words = sex.Choices.SelectMany(c => c.Synonyms.Append(c.Label).Append(c.Value).Where(s => s.Length >= 3).Select(s => (Word: Utterance.Normalize(s), c.Value)))
            .Concat(SexWords.Select(w => (w.Key, w.Value)));
        foreach (var (word, value) in words)
        {
            if (r.Utterance.Find(word).FirstOrDefault() is { } match && !r.Taken[r.Utterance.TokenAt(match.Index)])
            {
                r.Slots[sex.Name] = new SlotValue(value);
                return;
            }
        }

        if (r.Utterance.Tokens.FirstOrDefault(t => Pronouns.ContainsKey(t.Value)) is { Value: { } pronoun } && pronoun.Length > 0)
        {
            r.Slots[sex.Name] = new SlotValue(Pronouns[pronoun]);
        }
    }

    private static string? SexFromShortWord(string word) => word switch
    {
        "f" => "female",
        "m" => "male",
        _ => SexWords.GetValueOrDefault(word),
    };

    private static void BloodPressure(Reading r)
    {
        var systolic = r.Calculator.Inputs.FirstOrDefault(i => i.Kind == "number" && i.Name.Contains("systolic", StringComparison.OrdinalIgnoreCase));
        var diastolic = r.Calculator.Inputs.FirstOrDefault(i => i.Kind == "number" && i.Name.Contains("diastolic", StringComparison.OrdinalIgnoreCase));
        if (systolic is null || BloodPressurePattern().Match(r.Utterance.Text) is not { Success: true } m)
        {
            return;
        }

        var first = r.Utterance.TokenAt(m.Index);
        var last = r.Utterance.TokenAt(m.Index + m.Length - 1);
        if (r.Taken[first])
        {
            return;
        }

        r.Set(systolic.Name, new SlotValue(m.Groups["s"].Value), first, last);
        if (diastolic is not null)
        {
            r.Slots[diastolic.Name] = new SlotValue(m.Groups["d"].Value);
        }
    }

    private void NamedNumbers(Reading r)
    {
        var phrases = r.Calculator.Inputs.Where(i => i.Kind == "number")
            .SelectMany(i => Phrases(i).Select(p => (Phrase: p, Input: i)))
            .OrderByDescending(p => p.Phrase.Length);
        foreach (var (phrase, input) in phrases)
        {
            if (r.Slots.ContainsKey(input.Name))
            {
                continue;
            }

            foreach (var match in r.Utterance.Find(phrase))
            {
                var first = r.Utterance.TokenAt(match.Index);
                var last = first + phrase.Split(' ').Length - 1;
                if (r.Taken[first] || r.Taken[last])
                {
                    continue;
                }

                var index = last + 1;
                var skipped = 0;
                while (index < r.Utterance.Tokens.Count && Fillers.Contains(r.Utterance.Tokens[index].Value) && skipped < 3 && (phrase.Length > 2 || r.Utterance.Tokens[index].Value is "of" or "is" or ":" or "="))
                {
                    index++;
                    skipped++;
                }

                if (index < r.Utterance.Tokens.Count && !r.Taken[index] && Utterance.IsNumber(r.Utterance.Tokens[index].Value))
                {
                    var unit = SpokenUnits.At(r.Utterance.Tokens, index + 1);
                    r.Set(input.Name, new SlotValue(r.Utterance.Tokens[index].Value, unit?.Unit), first, index + (unit?.Length ?? 0));
                    break;
                }
            }
        }
    }

    private static void NumbersByUnit(Reading r)
    {
        var tokens = r.Utterance.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (r.Taken[i] || !Utterance.IsNumber(tokens[i].Value) || SpokenUnits.At(tokens, i + 1) is not { } unit)
            {
                continue;
            }

            var candidates = r.Calculator.Inputs
                .Where(input => input.Kind == "number" && !r.Slots.ContainsKey(input.Name) && SpokenUnits.Accepts(input.Unit, input.AcceptedUnits, unit.Unit))
                .ToList();
            if (candidates.Count == 1)
            {
                r.Set(candidates[0].Name, new SlotValue(tokens[i].Value, unit.Unit), i, i + unit.Length);
            }
        }
    }

    private void Flags(Reading r)
    {
        var phrases = r.Calculator.Inputs.Where(i => i.Kind == "boolean")
            .SelectMany(i => Phrases(i).SelectMany(WithMedicineClass).Distinct(StringComparer.Ordinal).Select(p => (Phrase: p, Input: i)))
            .Where(p => p.Phrase.Length >= 2)
            .OrderByDescending(p => p.Phrase.Length);
        foreach (var (phrase, input) in phrases)
        {
            foreach (var match in r.Utterance.Find(phrase))
            {
                var first = r.Utterance.TokenAt(match.Index);
                var last = first + phrase.Split(' ').Length - 1;
                if (r.Taken[first] || r.Taken[last])
                {
                    continue;
                }

                // "No prior stroke, but a TIA last year": any affirmed mention of a criterion outweighs a denied one.
                var present = !Negation.IsNegated(r.Utterance, first, last);
                if (present || !r.Slots.TryGetValue(input.Name, out var earlier) || earlier.Value != "true")
                {
                    r.Set(input.Name, new SlotValue(present ? "true" : "false"), first, last);
                }
                else
                {
                    r.Set(input.Name, earlier, first, last);
                }
            }
        }
    }

    private void Choices(Reading r)
    {
        foreach (var input in r.Calculator.Inputs.Where(i => i.Kind == "choice" && !r.Slots.ContainsKey(i.Name)))
        {
            foreach (var phrase in Phrases(input).OrderByDescending(p => p.Length))
            {
                if (r.Utterance.Find(phrase).FirstOrDefault() is not { } match)
                {
                    continue;
                }

                var after = r.Utterance.TokenAt(match.Index) + phrase.Split(' ').Length;
                var window = string.Join(' ', r.Utterance.Tokens.Skip(after).Take(5).Select(t => t.Value));
                if (ChoiceIn(Utterance.Of(window), input) is { } choice)
                {
                    r.Slots[input.Name] = new SlotValue(choice);
                    break;
                }
            }
        }
    }

    /// <summary>The answer to the question just asked: a bare number, yes or no, or one of the choices.</summary>
    private static void Answer(Reading r, CalculatorInputDescriptor input)
    {
        var tokens = r.Utterance.Tokens;
        switch (input.Kind)
        {
            case "number":
                for (var i = 0; i < tokens.Count; i++)
                {
                    if (!r.Taken[i] && Utterance.IsNumber(tokens[i].Value))
                    {
                        r.Slots[input.Name] = new SlotValue(tokens[i].Value, SpokenUnits.At(tokens, i + 1)?.Unit);
                        return;
                    }
                }

                break;
            case "boolean":
                var text = r.Utterance.Text.Trim(' ', '.', '!');
                if (No.Any(n => text == n || text.StartsWith(n + " ", StringComparison.Ordinal)) || Negation.IsNegated(r.Utterance, tokens.Count, tokens.Count - 1))
                {
                    r.Slots[input.Name] = new SlotValue("false");
                }
                else if (Yes.Any(y => text == y || text.StartsWith(y + " ", StringComparison.Ordinal)))
                {
                    r.Slots[input.Name] = new SlotValue("true");
                }

                break;
            case "choice":
                if (ChoiceIn(r.Utterance, input) is { } choice)
                {
                    r.Slots[input.Name] = new SlotValue(choice);
                }
                else if (tokens.FirstOrDefault(t => Utterance.IsNumber(t.Value)) is { Value: { Length: > 0 } number })
                {
                    r.Slots[input.Name] = new SlotValue(number);
                }

                break;
            default:
                if (r.Utterance.Text.Length > 0)
                {
                    r.Slots[input.Name] = new SlotValue(r.Utterance.Text.Replace(" / ", "/", StringComparison.Ordinal).Replace(" - ", "-", StringComparison.Ordinal));
                }

                break;
        }
    }

    private static string? ChoiceIn(Utterance utterance, CalculatorInputDescriptor input)
    {
        var words = input.Choices
            .SelectMany(c => c.Synonyms.Append(c.Label).Append(c.Value).Select(s => (Word: Utterance.Normalize(s), c.Value)))
            .Concat(input.Choices.Any(c => c.Value == "female") ? SexWords.Select(w => (Word: w.Key, w.Value)) : [])
            .Where(w => w.Word.Length > 1 || utterance.Text == w.Word)
            .OrderByDescending(w => w.Word.Length);
        foreach (var (word, value) in words)
        {
            if (utterance.Contains(word))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The words an input is called by: its name ("heart rate" for heartRate), its label when short, its
    /// synonyms, and any verbs the lexicon adds ("weighs").</summary>
    private IEnumerable<string> Phrases(CalculatorInputDescriptor input)
    {
        yield return Utterance.SplitName(input.Name);
        var label = Utterance.Normalize(LabelParenthesis().Replace(input.Label, " "));
        if (label.Split(' ').Length <= 4 && !label.Contains(',', StringComparison.Ordinal))
        {
            yield return label;
        }

        foreach (var synonym in input.Synonyms)
        {
            yield return Utterance.Normalize(synonym);
        }

        foreach (var phrase in lexicon.SlotPhrases.GetValueOrDefault(input.Name) ?? [])
        {
            yield return phrase;
        }
    }

    /// <summary>A phrase and, when it names a medicine class or one of its members, every member of that class.</summary>
    private IEnumerable<string> WithMedicineClass(string phrase)
    {
        yield return phrase;
        foreach (var (name, members) in lexicon.MedicineClasses)
        {
            if (name == phrase || members.Contains(phrase))
            {
                foreach (var member in members)
                {
                    yield return member;
                }
            }
        }
    }

    /// <summary>What one utterance has given so far, and which of its tokens are already accounted for.</summary>
    private sealed class Reading(Utterance utterance, CalculatorDescriptor calculator)
    {
        public Utterance Utterance { get; } = utterance;

        public CalculatorDescriptor Calculator { get; } = calculator;

        public Dictionary<string, SlotValue> Slots { get; } = new(StringComparer.Ordinal);

        public bool[] Taken { get; } = new bool[utterance.Tokens.Count + 1];

        public CalculatorInputDescriptor? Input(string name) => Calculator.Inputs.FirstOrDefault(i => i.Name == name);

        public void Set(string input, SlotValue value, int firstToken, int lastToken)
        {
            Slots[input] = value;
            for (var i = firstToken; i <= Math.Min(lastToken, Taken.Length - 1); i++)
            {
                Taken[i] = true;
            }
        }

        /// <summary>"She's 67, not 76": the value being corrected away must not fill anything.</summary>
        public void SetAsideCorrectedValues()
        {
            foreach (Match m in CorrectedValue().Matches(Utterance.Text))
            {
                var number = m.Groups["n"];
                var first = Utterance.TokenAt(number.Index);
                var unit = SpokenUnits.At(Utterance.Tokens, first + 1);
                for (var i = Utterance.TokenAt(m.Index); i <= first + (unit?.Length ?? 0); i++)
                {
                    Taken[i] = true;
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?<n>\d{1,3}(?:\.\d+)?) (?<u>years?|months?) (?:old|of age)\b")]
    private static partial Regex AgeInYears();

    [GeneratedRegex(@"\b(?:aged|age(?: of| is| :| =)?) (?<n>\d{1,3})\b")]
    private static partial Regex AgeAfterWord();

    [GeneratedRegex(@"\b(?:she|he|patient|pt|they) (?:is|was) (?:now |actually |only |really )?(?<n>\d{1,3})\b(?! ?(?:/|\.\d))")]
    private static partial Regex AgeAfterSubject();

    [GeneratedRegex(@"\b(?<n>\d{1,3}) (?:year old )?(?<sex>f|m|female|male|woman|man|lady|gentleman|boy|girl)\b")]
    private static partial Regex AgeBeforeSex();

    [GeneratedRegex(@"\b(?<s>\d{2,3}) ?/ ?(?<d>\d{2,3})\b")]
    private static partial Regex BloodPressurePattern();

    [GeneratedRegex(@"(?:\bnot|\brather than|\binstead of) (?<n>\d+(?:\.\d+)?)\b")]
    private static partial Regex CorrectedValue();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex LabelParenthesis();
}
