using System.Globalization;
using System.Text;
using Bogus.Bson;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>Writes the detector's international name, place and street lists from the locales that ship in the Bogus
/// package (MIT; its locale data comes from faker.js), and its everyday-English word list from Debian's wamerican
/// word list (SCOWL, freely redistributable). Only Latin-script entries are kept. Nothing here comes from an
/// evaluation set.</summary>
internal static class DictionaryWriter
{
    private static readonly string[] GivenNameKeys = ["first_name", "male_first_name", "female_first_name", "first_name_women", "first_name_men", "male_middle_name", "female_middle_name"];

    private static readonly string[] SurnameKeys = ["last_name", "male_last_name", "female_last_name"];

    private static readonly string[] PlaceKeys = ["city_name", "city", "state", "county", "region", "province", "city_root"];

    /// <summary>Locales whose city_prefix list holds whole town names rather than "North", "Port"...</summary>
    private static readonly string[] WholeCityPrefixLocales = ["nl", "nl_BE", "en_NG", "es", "es_MX", "it", "pt_PT"];

    private static readonly string[] StreetKeys = ["street_root", "street_title", "street", "streets"];

    private static readonly string[] StreetWordKeys = ["street_suffix", "common_street_suffix", "street_prefix"];

    public static void Write(string directory, string wordList)
    {
        var given = new SortedSet<string>(StringComparer.Ordinal);
        var surnames = new SortedSet<string>(StringComparer.Ordinal);
        var places = new SortedSet<string>(StringComparer.Ordinal);
        var streets = new SortedSet<string>(StringComparer.Ordinal);
        var streetWords = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var locale in Bogus.Database.GetAllLocales())
        {
            if (Bogus.Database.GetLocale(locale) is not BObject root)
            {
                continue;
            }

            var name = Section(root, "name");
            var address = Section(root, "address");
            Collect(name, GivenNameKeys, given, splitWords: true);
            Collect(name, SurnameKeys, surnames, splitWords: true);
            Collect(address, PlaceKeys, places, splitWords: false);
            if (WholeCityPrefixLocales.Contains(locale))
            {
                Collect(address, ["city_prefix"], places, splitWords: false);
            }

            Collect(address, StreetKeys, streets, splitWords: false);
            Collect(address, StreetWordKeys, streetWords, splitWords: true);
        }

        Save(directory, "intl-given-names.txt", "Given names of the Latin-script locales of the Bogus package (MIT; faker.js locale data).", given);
        Save(directory, "intl-surnames.txt", "Surnames of the Latin-script locales of the Bogus package (MIT; faker.js locale data).", surnames);
        Save(directory, "intl-places.txt", "Towns, regions, counties and states of the Latin-script locales of the Bogus package (MIT; faker.js locale data).", places);
        Save(directory, "intl-streets.txt", "Street names of the Latin-script locales of the Bogus package (MIT; faker.js locale data).", streets);
        Save(directory, "street-words.txt", "Street type words (Street, Avenue, vej, gatan, Straße, rue...) of the Bogus package's locales (MIT; faker.js locale data).",
            new SortedSet<string>(streetWords.Where(w => w.Length >= 2), StringComparer.Ordinal));

        // Everyday words: the lowercase entries of the word list (its capitalised entries are proper nouns).
        var words = new SortedSet<string>(File.ReadLines(wordList).Select(w => w.Trim())
            .Where(w => w.Length >= 2 && w.All(c => c is >= 'a' and <= 'z')), StringComparer.Ordinal);
        Save(directory, "english-words.txt", "Everyday English words: the all-lowercase entries of Debian's wamerican word list (SCOWL; freely redistributable).", words);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"given names {given.Count}, surnames {surnames.Count}, places {places.Count}, streets {streets.Count}, street words {streetWords.Count}, English words {words.Count}"));
    }

    private static BObject? Section(BObject root, string key) => root.ContainsKey(key) ? root[key] as BObject : null;

    private static void Collect(BObject? section, string[] keys, SortedSet<string> into, bool splitWords)
    {
        if (section is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            if (!section.ContainsKey(key) || section[key] is not BArray values)
            {
                continue;
            }

            foreach (BValue value in values)
            {
                var text = value.StringValue?.Trim();
                if (string.IsNullOrEmpty(text) || text.Contains('#', StringComparison.Ordinal) || text.Contains('{', StringComparison.Ordinal) || !IsLatin(text))
                {
                    continue;
                }

                foreach (var entry in splitWords ? text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries) : [text])
                {
                    var cleaned = entry.Trim('.', ',', '(', ')');
                    if (cleaned.Length >= 2 && char.IsLetter(cleaned[0]))
                    {
                        into.Add(cleaned);
                    }
                }
            }
        }
    }

    private static bool IsLatin(string text) =>
        text.All(c => c is ' ' or '-' or '\'' or '.' or '’' or '(' or ')' || (char.IsLetter(c) && (c <= '\u024F' || c is >= '\u1E00' and <= '\u1EFF')));

    private static void Save(string directory, string file, string source, IEnumerable<string> entries)
    {
        var builder = new StringBuilder();
        builder.Append("# ").Append(source).Append('\n');
        builder.Append("# Written by `VoiceAssist.Benchmarks.Phi dictionaries`; do not edit by hand.\n");
        foreach (var entry in entries)
        {
            builder.Append(entry).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, file), builder.ToString());
    }
}
