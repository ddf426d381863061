using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace VoiceAssist.Admin.Console;

/// <summary>A module's field errors shown beside the fields of the form that sent the request; every console page reads
/// them back with <see cref="ErrorFor"/>.</summary>
internal static class ConsoleErrors
{
    /// <summary>Adds each failure under <c>{prefix}.{Property}</c> (the form's field), or under the form itself when the
    /// property is not one of its fields.</summary>
    public static void AddTo(ModelStateDictionary modelState, ValidationException invalid, string prefix, params string[] fields)
    {
        foreach (var failure in invalid.Errors)
        {
            var field = fields.FirstOrDefault(f => string.Equals(f, failure.PropertyName, StringComparison.OrdinalIgnoreCase));
            modelState.AddModelError(field is null ? prefix : $"{prefix}.{field}", failure.ErrorMessage);
        }
    }

    public static string? ErrorFor(ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
