using FluentValidation;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Guidelines.ManageGuidelineSources;

/// <summary>What a guideline source must look like, shared by add and edit.</summary>
internal static class GuidelineSourceRules
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(90);

    public static void Apply<T>(AbstractValidator<T> validator, Func<T, string?> name, Func<T, string?> url, Func<T, TimeSpan?> interval, Func<T, string?> publisher, Func<T, string?> reason)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.RuleFor(x => name(x)).NotEmpty().WithMessage("Give the source a name.").MaximumLength(200).OverridePropertyName("name");
        validator.RuleFor(x => url(x)).Must(IsWatchableUrl)
            .WithMessage("Enter an absolute http or https address, such as https://www.who.int/publications/guidelines, without a user name or password.")
            .OverridePropertyName("url");
        validator.RuleFor(x => interval(x)).Must(i => i is null || (i >= MinimumInterval && i <= MaximumInterval))
            .WithMessage("The polling interval must be between 5 minutes and 90 days.").OverridePropertyName("pollInterval");
        validator.RuleFor(x => publisher(x)).MaximumLength(200).OverridePropertyName("publisher");
        validator.RuleFor(x => reason(x)).MaximumLength(500).OverridePropertyName("reason");
    }

    public static bool IsWatchableUrl(string? value) =>
        value is { Length: > 0 and <= 2000 }
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0;

    /// <summary>The URL in the form the poller and the seed store it.</summary>
    public static string Normalise(string url) => new Uri(url.Trim(), UriKind.Absolute).ToString();

    public static GuidelineSourceView View(GuidelineSourceState source, TimeSpan defaultInterval)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new GuidelineSourceView(source.Id, source.Name, source.Url, source.Publisher, source.PollInterval, source.PollInterval ?? defaultInterval,
            source.DocumentId, source.LastCheckedAt, source.LastChangedAt, source.LastError);
    }

    /// <summary>What the audit trail records of a source: what the administrator sets, nothing the poller learnt.</summary>
    public static object Snapshot(GuidelineSourceState source) => new { source.Name, source.Url, source.Publisher, source.PollInterval };
}
