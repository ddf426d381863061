using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using VoiceAssist.Admin.Data;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Policy;

/// <summary>The security policy: password rules, who must use MFA, session timeouts, lockout, retention, recording.
/// Each value is checked against its safe range; a change needs a reason, is audited with the values before and after,
/// and reaches every replica within seconds (<see cref="ConsoleSettingsSource"/>).</summary>
internal sealed class IndexModel(ISender sender, IConfiguration configuration, ConsoleSettingsSource settings) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public static IReadOnlyList<PolicySetting> Settings => PolicyCatalog.Settings;

    public void OnGet() => Values = Current(configuration);

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        try
        {
            var changed = await sender.Send(new Command(Values, Reason), cancellationToken);
            settings.Provider?.Refresh();
            Notice = changed == 0 ? "Nothing changed." : $"Saved {changed} change{(changed == 1 ? "" : "s")}. Every replica applies them within {settings.Interval.TotalSeconds:0} seconds.";
            return RedirectToPage();
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Errors)
            {
                ModelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }

            return Page();
        }
    }

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    public static Dictionary<string, string?> Current(IConfiguration configuration) =>
        PolicyCatalog.Settings.ToDictionary(s => s.Name, s => (string?)s.FromConfiguration(configuration[s.Key]).ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets the policy values that differ from those in force; returns how many changed.</summary>
    internal sealed record Command(IReadOnlyDictionary<string, string?> Values, string? Reason) : ICommand<int>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the policy changes; the audit trail keeps it.")
                .MaximumLength(500).OverridePropertyName(nameof(Reason));
            foreach (var setting in PolicyCatalog.Settings)
            {
                RuleFor(c => c.Values.GetValueOrDefault(setting.Name))
                    .Must(value => Parse(value) is { } number && number >= setting.Min && number <= setting.Max)
                    .WithMessage(setting.Unit == PolicyUnit.Switch ? "Choose on or off." : $"Enter a whole number from {setting.Min} to {setting.Max}.")
                    .OverridePropertyName($"Values[{setting.Name}]");
            }
        }
    }

    internal sealed class Handler(AdminDbContext db, IConfiguration configuration, AdministrativeChanges changes, ICurrentUser user, TimeProvider time)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var stored = await db.ConsoleSettings.ToDictionaryAsync(s => s.Key, cancellationToken);
            var before = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var after = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var now = time.GetUtcNow();
            foreach (var setting in PolicyCatalog.Settings)
            {
                var current = setting.FromConfiguration(configuration[setting.Key]);
                var wanted = Parse(request.Values.GetValueOrDefault(setting.Name))!.Value;
                if (wanted == current)
                {
                    continue;
                }

                before[setting.Name] = current;
                after[setting.Name] = wanted;
                if (!stored.TryGetValue(setting.Key, out var row))
                {
                    row = new ConsoleSetting { Key = setting.Key, Value = "" };
                    db.ConsoleSettings.Add(row);
                }

                row.Value = setting.ToConfiguration(wanted);
                row.UpdatedAt = now;
                row.UpdatedBy = user.UserId!.Value;
            }

            if (after.Count > 0)
            {
                db.AddIntegrationEvent(changes.Describe("admin.policy.changed", "policy", "security", request.Reason,
                    AdministrativeChanges.Snapshot(before), AdministrativeChanges.Snapshot(after)));
            }

            return after.Count;
        }
    }

    private static int? Parse(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
