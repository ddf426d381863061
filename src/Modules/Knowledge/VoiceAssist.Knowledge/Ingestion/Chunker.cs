using System.Text.RegularExpressions;

namespace VoiceAssist.Knowledge.Ingestion;

internal sealed record TextChunk(int Ordinal, int? Page, string? Section, string Text, int TokenCount);

/// <summary>Splits a document into passages of roughly 200-500 tokens that follow its structure: a passage never
/// spans two sections, starts on the page of its first paragraph, and a long section is cut at sentence ends
/// with a short overlap so that no statement loses the sentence before it.</summary>
internal static partial class Chunker
{
    public const int MaxWords = 380;
    public const int MinWords = 120;
    public const int OverlapWords = 40;

    public static IReadOnlyList<TextChunk> Split(IReadOnlyList<TextBlock> blocks)
    {
        var chunks = new List<TextChunk>();
        var sentences = new List<string>();
        var words = 0;
        int? page = null;
        string? section = null;
        var fresh = 0; // sentences added since the overlap, so an overlap alone is never emitted

        void Flush(bool keepOverlap)
        {
            if (fresh == 0)
            {
                sentences.Clear();
                words = 0;
                return;
            }

            var text = string.Join(' ', sentences);
            chunks.Add(new TextChunk(chunks.Count, page, section, text, CountWords(text)));
            var overlap = new List<string>();
            if (keepOverlap)
            {
                var overlapWords = 0;
                for (var i = sentences.Count - 1; i > 0 && overlapWords + CountWords(sentences[i]) <= OverlapWords; i--)
                {
                    overlap.Insert(0, sentences[i]);
                    overlapWords += CountWords(sentences[i]);
                }
            }

            sentences.Clear();
            sentences.AddRange(overlap);
            words = overlap.Sum(CountWords);
            fresh = 0;
        }

        foreach (var block in blocks)
        {
            if (block.Section != section && (fresh > 0 || sentences.Count > 0))
            {
                // A tiny section (a heading with one line) joins the next one rather than standing alone,
                // unless the next one starts on another page, which its citation must name.
                if (words >= MinWords / 3 || fresh == 0 || block.Page != page)
                {
                    Flush(keepOverlap: false);
                }
            }

            if (fresh == 0)
            {
                page = block.Page;
                section = block.Section;
            }

            foreach (var sentence in Sentences(block.Text))
            {
                var count = CountWords(sentence);
                if (words + count > MaxWords && fresh > 0)
                {
                    Flush(keepOverlap: true);
                    page = block.Page;
                    section = block.Section;
                }

                foreach (var piece in count > MaxWords ? SplitLong(sentence) : [sentence])
                {
                    if (words + CountWords(piece) > MaxWords && fresh > 0)
                    {
                        Flush(keepOverlap: false);
                        page = block.Page;
                    }

                    sentences.Add(piece);
                    words += CountWords(piece);
                    fresh++;
                }
            }

            section = fresh > 0 && section is null ? block.Section : section;
        }

        Flush(keepOverlap: false);
        return chunks;
    }

    public static int CountWords(string text) => WordPattern().Count(text);

    /// <summary>Sentence ends: a full stop, question or exclamation mark followed by a space and a capital or digit,
    /// not after a common abbreviation or a single initial.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        foreach (Match match in SentenceEnd().Matches(text))
        {
            var end = match.Index + 1;
            var before = text[start..end];
            if (Abbreviation().IsMatch(before))
            {
                continue;
            }

            var sentence = before.Trim();
            if (sentence.Length > 0)
            {
                yield return sentence;
            }

            start = end;
        }

        var rest = text[start..].Trim();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static IEnumerable<string> SplitLong(string sentence)
    {
        var tokens = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i += MaxWords)
        {
            yield return string.Join(' ', tokens.Skip(i).Take(MaxWords));
        }
    }

    [GeneratedRegex(@"[.!?](?=\s+[""'(\[]?[A-Z0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(\b(e\.g|i\.e|et al|vs|Dr|Fig|No|approx|cf|Mr|Mrs|Ms|St|resp)\.|\b[A-Z]\.)$", RegexOptions.IgnoreCase)]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordPattern();
}
