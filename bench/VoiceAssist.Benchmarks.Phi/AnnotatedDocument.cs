using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceAssist.Benchmarks.Phi;

/// <summary>One line of a span-annotated set: <c>{"text": "...", "spans": [{"start": 0, "end": 5, "type": "NAME"}]}</c>,
/// offsets in UTF-16 code units, end exclusive.</summary>
internal sealed record AnnotatedDocument(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("spans")] IReadOnlyList<AnnotatedSpan> Spans);

internal sealed record AnnotatedSpan(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("type")] string Type);

internal static class AnnotatedDocumentFile
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static List<AnnotatedDocument> Read(string path) =>
        File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<AnnotatedDocument>(line, Json)
                            ?? throw new InvalidDataException($"{path}: a line is not a document."))
            .ToList();

    public static void Write(string path, IEnumerable<AnnotatedDocument> documents)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        foreach (var document in documents)
        {
            writer.WriteLine(JsonSerializer.Serialize(document));
        }
    }
}
