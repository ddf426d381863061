namespace VoiceAssist.Compliance.Phi.Detection;

/// <summary>How a text uses letter case: normally, all in capitals, or (almost) all in lowercase. In the last two
/// a capital letter is no evidence of a name.</summary>
internal enum TextCase
{
    Mixed,
    Upper,
    Lower,
}

internal enum TokenKind
{
    Word,
    Number,
    Punctuation,
}

/// <summary>A word, number or punctuation mark with its span. A possessive <c>'s</c> is left out of a word's span
/// and remembered in <see cref="Possessive"/>.</summary>
internal sealed record Token(int Start, int End, string Text, TokenKind Kind, bool Possessive, bool LineStart)
{
    public bool IsWord => Kind == TokenKind.Word;

    /// <summary>Capital first letter and lowercase after it: <c>Smith</c>, <c>McDonald</c>, <c>O'Brien</c>.</summary>
    public bool IsTitleCase => IsWord && char.IsUpper(Text[0]) && Text.Length > 1 && Text.Skip(1).Any(char.IsLower);

    public bool IsAllCaps => IsWord && Text.Length > 1 && Text.All(c => !char.IsLetter(c) || char.IsUpper(c));

    public bool IsCapitalized => IsWord && char.IsUpper(Text[0]);

    public bool IsLower => IsWord && Text.All(c => !char.IsLetter(c) || char.IsLower(c));

    /// <summary>A single capital letter (an initial); a following full stop is a separate token.</summary>
    public bool IsInitial => IsWord && Text.Length == 1 && char.IsUpper(Text[0]);

    public string Lower => Text.ToLowerInvariant();
}

internal static class Tokenizer
{
    public static TextCase CaseOf(string text, List<Token> tokens)
    {
        int upper = 0, lower = 0;
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }
        }

        if (upper + lower < 20)
        {
            return TextCase.Mixed;
        }

        if (upper > 2 * lower && upper + lower >= 60)
        {
            return TextCase.Upper;
        }

        var words = 0;
        var capitalised = 0;
        foreach (var t in tokens)
        {
            if (t.IsWord && t.Text.Length > 1)
            {
                words++;
                capitalised += char.IsUpper(t.Text[0]) ? 1 : 0;
            }
        }

        return words >= 10 && capitalised * 25 < words ? TextCase.Lower : TextCase.Mixed;
    }

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var lineStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                lineStart = true;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetter(c))
            {
                i++;
                while (i < text.Length && (char.IsLetter(text[i])
                           || (text[i] is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                var word = text[start..i];
                var possessive = word.Length > 2 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal));
                if (possessive)
                {
                    word = word[..^2];
                }

                tokens.Add(new Token(start, start + word.Length, word, TokenKind.Word, possessive, lineStart));
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(start, i, text[start..i], TokenKind.Number, false, lineStart));
            }
            else
            {
                i++;
                tokens.Add(new Token(start, i, text[start..i], TokenKind.Punctuation, false, lineStart));
            }

            lineStart = false;
        }

        return tokens;
    }
}
