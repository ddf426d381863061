using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>Puts the Knowledge module's field errors next to the page's own fields.</summary>
internal static class ModelErrors
{
    /// <remarks><c>fields</c> maps the module's property name (case-insensitive) to the page's field; other errors go to the form as a whole.</remarks>
    public static void Add(ModelStateDictionary modelState, ValidationException validation, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var error in validation.Errors)
        {
            var field = fields.FirstOrDefault(f => string.Equals(f.Key, error.PropertyName, StringComparison.OrdinalIgnoreCase)).Value ?? "";
            modelState.AddModelError(field, error.ErrorMessage);
        }
    }
}
