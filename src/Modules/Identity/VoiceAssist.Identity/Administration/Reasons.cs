using FluentValidation;

namespace VoiceAssist.Identity.Administration;

/// <summary>The reason an administrator gives for a change: required where the change takes access away or alters it,
/// and kept in the audit trail.</summary>
internal static class Reasons
{
    public const int MaxLength = 500;

    public static IRuleBuilderOptions<T, string> RequiredReason<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("Give a reason: it is kept in the audit trail.")
            .MaximumLength(MaxLength);

    public static IRuleBuilderOptions<T, string?> OptionalReason<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxLength);
}
