using System.Text;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Compliance.Phi.Redaction;

/// <summary>Replaces every identifier the detector finds: with its type tag, with a stand-in (the same stand-in for
/// the same identifier throughout the text), or with asterisks of the same length.</summary>
internal sealed class PhiRedactor(PhiDetector detector)
{
    public RedactedText Redact(string text, RedactionStyle style) => Redact(text, detector.Detect(text), style, Random.Shared);

    public static RedactedText Redact(string text, IReadOnlyList<PhiSpan> spans, RedactionStyle style, Random random)
    {
        ArgumentNullException.ThrowIfNull(text);
        var surrogates = style == RedactionStyle.Surrogates ? new Surrogates(random, text) : null;
        var output = new StringBuilder(text.Length);
        var replacements = new List<PhiReplacement>(spans.Count);
        var position = 0;
        foreach (var span in spans)
        {
            output.Append(text, position, span.Start - position);
            var original = text[span.Start..span.End];
            var replacement = style switch
            {
                RedactionStyle.Mask => Mask(original),
                RedactionStyle.Surrogates => surrogates!.For(span.Type, original),
                _ => $"[{span.Type}]",
            };
            replacements.Add(new PhiReplacement(output.Length, output.Length + replacement.Length, span.Type));
            output.Append(replacement);
            position = span.End;
        }

        output.Append(text, position, text.Length - position);
        return new RedactedText(output.ToString(), replacements);
    }

    private static string Mask(string original) => string.Create(original.Length, original, static (chars, source) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.IsWhiteSpace(source[i]) ? source[i] : '*';
        }
    });
}
