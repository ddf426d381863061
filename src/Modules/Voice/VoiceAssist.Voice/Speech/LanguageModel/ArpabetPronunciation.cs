namespace VoiceAssist.Voice.Speech.LanguageModel;

/// <summary>Turns espeak-ng's IPA phonemes (separated by underscores) into the CMU ARPAbet phones of the pocketsphinx
/// en-us acoustic model, for words the CMU dictionary lacks (drug names, score names).</summary>
/// <remarks>The table holds one row per espeak-ng en-us phoneme. Stress marks are dropped (the en-us model is
/// stress-free); the American flap [ɾ] becomes T as the CMU dictionary writes "butter"; r-coloured vowels
/// followed by [ɹ] keep one R; a phoneme missing from the table maps letter by letter, so a new espeak-ng release
/// degrades a word instead of losing it.</remarks>
internal static class ArpabetPronunciation
{
    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        // Vowels and diphthongs.
        ["ɐ"] = "AH", ["ə"] = "AH", ["ʌ"] = "AH", ["ɪ"] = "IH", ["ᵻ"] = "IH", ["i"] = "IY", ["iː"] = "IY",
        ["ɛ"] = "EH", ["e"] = "EH", ["æ"] = "AE", ["a"] = "AE", ["ɑ"] = "AA", ["ɑː"] = "AA", ["ɒ"] = "AA",
        ["ɔ"] = "AO", ["ɔː"] = "AO", ["ʊ"] = "UH", ["u"] = "UW", ["uː"] = "UW", ["ɜ"] = "ER", ["ɜː"] = "ER",
        ["ɚ"] = "ER", ["ɝ"] = "ER", ["eɪ"] = "EY", ["aɪ"] = "AY", ["aʊ"] = "AW", ["oʊ"] = "OW", ["o"] = "OW",
        ["ɔɪ"] = "OY", ["iə"] = "IY AH", ["aɪə"] = "AY AH", ["aɪɚ"] = "AY ER", ["ʊɹ"] = "UH R", ["ɪɹ"] = "IH R",
        ["ɛɹ"] = "EH R", ["ɑːɹ"] = "AA R", ["ɔːɹ"] = "AO R", ["oːɹ"] = "AO R",
        // Consonants.
        ["p"] = "P", ["b"] = "B", ["t"] = "T", ["d"] = "D", ["k"] = "K", ["ɡ"] = "G", ["g"] = "G", ["f"] = "F",
        ["v"] = "V", ["θ"] = "TH", ["ð"] = "DH", ["s"] = "S", ["z"] = "Z", ["ʃ"] = "SH", ["ʒ"] = "ZH", ["h"] = "HH",
        ["tʃ"] = "CH", ["dʒ"] = "JH", ["m"] = "M", ["n"] = "N", ["ŋ"] = "NG", ["l"] = "L", ["ɫ"] = "L", ["ɹ"] = "R",
        ["r"] = "R", ["j"] = "Y", ["w"] = "W", ["ʔ"] = "T", ["ɾ"] = "T", ["x"] = "K", ["n̩"] = "AH N", ["l̩"] = "AH L",
    };

    private static readonly char[] Ignored = ['ˈ', 'ˌ', 'ː', '-', '\u0303', '\u0329'];

    /// <summary>ARPAbet phones separated by spaces, or an empty string when nothing could be mapped.</summary>
    public static string FromIpa(string ipa)
    {
        ArgumentNullException.ThrowIfNull(ipa);
        var phones = new List<string>();
        foreach (var raw in ipa.Split(['_', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var phoneme = raw.Replace("ˈ", "", StringComparison.Ordinal).Replace("ˌ", "", StringComparison.Ordinal);
            if (phoneme.Length == 0)
            {
                continue;
            }

            if (Table.TryGetValue(phoneme, out var mapped) || Table.TryGetValue(phoneme.TrimEnd('ː'), out mapped))
            {
                Append(phones, mapped);
                continue;
            }

            foreach (var symbol in phoneme.Where(c => !Ignored.Contains(c)))
            {
                if (Table.TryGetValue(symbol.ToString(), out mapped))
                {
                    Append(phones, mapped);
                }
            }
        }

        return string.Join(' ', phones);
    }

    private static void Append(List<string> phones, string mapped)
    {
        foreach (var phone in mapped.Split(' '))
        {
            // [ɚ] or [ʊɹ] then [ɹ]: espeak-ng writes the R twice, the CMU dictionary once.
            if (phone == "R" && phones.Count > 0 && phones[^1] is "ER" or "R")
            {
                continue;
            }

            phones.Add(phone);
        }
    }
}
