using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Text that enters the host never carries the NUL character (U+0000): PostgreSQL cannot store it in a text
/// column (SQLSTATE 22021), and no clinician types it. It is refused where input enters, for every endpoint at once:
/// in JSON bodies by the converters here (registered in the host's JSON options, so typed bodies, <c>JsonElement</c>
/// bodies and <c>ReadFromJsonAsync</c> all use them), in query strings and URL-encoded forms by
/// <see cref="TextInputMiddleware"/>. The refusal is a 400 with a field error, never a 500.</summary>
public static class TextInput
{
    public const string Refusal = "Text must not contain the NUL character (U+0000).";

    /// <summary>Adds the refusing converters to a serializer's options (the host's, the voice socket's).</summary>
    public static JsonSerializerOptions RefuseNulCharacters(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new NulRefusingStringConverter());
        options.Converters.Add(new NulRefusingElementConverter());
        return options;
    }

    public static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    /// <summary>The JSON path (<c>$.a.b[2]</c> style, relative to <paramref name="element"/>) of the first string or property
    /// name holding a NUL character, or null when there is none.</summary>
    public static string? FindNul(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return HasNul(element.GetString()) ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var inner = $"{path}.{property.Name}";
                    if (HasNul(property.Name))
                    {
                        return inner;
                    }

                    if (FindNul(property.Value, inner) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindNul(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The problem a refused request gets: 400 with the field named the way the client sent it.</summary>
    public static HttpValidationProblemDetails Problem(string field) =>
        new(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [Refusal] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        };

    /// <summary>"$.inputs.age" as the client's field name "inputs.age".</summary>
    internal static string FieldOf(NulCharacterException exception)
    {
        var path = (exception.Path ?? "$") + exception.InnerPath;
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}

/// <summary>A JSON body held a NUL character; <see cref="JsonException.Path"/> (set by the serializer) and
/// <see cref="InnerPath"/> (inside a <c>JsonElement</c>) say where.</summary>
public sealed class NulCharacterException : JsonException
{
    public NulCharacterException()
        : base(TextInput.Refusal)
    {
    }

    public NulCharacterException(string message)
        : base(message)
    {
    }

    public NulCharacterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string InnerPath { get; init; } = "";
}

internal sealed class NulRefusingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    private static string? Checked(string? value) => TextInput.HasNul(value) ? throw new NulCharacterException() : value;
}

internal sealed class NulRefusingElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        return TextInput.FindNul(element) is { } path ? throw new NulCharacterException { InnerPath = path } : element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}

/// <summary>Refuses a NUL character in the query string or a URL-encoded form, before any endpoint binds them.
/// Multipart bodies are files (binary by nature) and are left to the endpoints that read them.</summary>
internal sealed class TextInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var refused = context.Request.Query.FirstOrDefault(pair => TextInput.HasNul(pair.Key) || pair.Value.Any(TextInput.HasNul)).Key;
        if (refused is null
            && context.Request.HasFormContentType
            && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            refused = form.FirstOrDefault(pair => TextInput.HasNul(pair.Key) || pair.Value.Any(TextInput.HasNul)).Key;
        }

        if (refused is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = TextInput.Problem(refused.Replace("\0", "", StringComparison.Ordinal)) }).ConfigureAwait(false);
    }
}
