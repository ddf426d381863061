using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using VoiceAssist.Admin.Console;
using VoiceAssist.Admin.Data;
using VoiceAssist.Admin.Policy;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Security.Encryption;

namespace VoiceAssist.Admin.Models;

/// <summary>The speech engines, the conversation and answer models and the embedding provider: offline or an
/// OpenAI-compatible endpoint, with "test connection" for each. Values are stored as console settings
/// (<see cref="ConsoleSettingsSource"/>), so every replica applies them within seconds; API keys are write-only and
/// stored encrypted under the key ring. Every save is audited with the values before and after, never a key.</summary>
internal sealed class IndexModel(ISender sender, IConfiguration configuration, ConsoleSettingsSource settings, ConnectionTester tester) : PageModel
{
    [BindProperty]
    public SectionForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The result of the last "test connection", shown in the section that asked.</summary>
    public ConnectionResult? Tested { get; private set; }

    public static IReadOnlyList<ModelSection> Sections => ModelCatalog.Sections;

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        try
        {
            var changed = await sender.Send(Input.ToCommand(), cancellationToken);
            settings.Provider?.Refresh();
            var title = ModelCatalog.Find(Input.Section)!.Title;
            Notice = changed == 0 ? $"{title}: nothing changed." : $"{title}: saved. Every replica applies it within {settings.Interval.TotalSeconds:0} seconds.";
            return RedirectToPage();
        }
        catch (ValidationException invalid)
        {
            AddErrors(invalid.Errors);
            return Page();
        }
    }

    /// <summary>Tests the values on the form without saving them.</summary>
    public async Task<IActionResult> OnPostTest(CancellationToken cancellationToken)
    {
        var command = Input.ToCommand();
        var invalid = new Validator().Validate(command);
        if (!invalid.IsValid)
        {
            AddErrors(invalid.Errors);
            return Page();
        }

        var section = ModelCatalog.Find(command.Section)!;
        var provider = section.Providers.First(p => p.Value == command.Provider);
        if (!provider.Remote)
        {
            Tested = new ConnectionResult(true, $"{provider.Label} runs on this server: there is nothing to connect to.");
            return Page();
        }

        var apiKey = command.ClearApiKey ? null : string.IsNullOrEmpty(command.NewApiKey) ? configuration[section.ApiKeyKey] : command.NewApiKey;
        Tested = await tester.Test(section.Probe, new Uri(command.Values["baseUrl"]!), command.Values["model"]!.Trim(), apiKey, cancellationToken);
        return Page();
    }

    public string? ErrorFor(string section, string field) => ConsoleErrors.ErrorFor(ModelState, $"{section}.{field}");

    /// <summary>The form's values for a section: what was posted when this section's form came back with errors or a
    /// test result, else the values in force.</summary>
    public SectionForm FormFor(ModelSection section) =>
        Input.Section == section.Name && Microsoft.AspNetCore.Http.HttpMethods.IsPost(Request.Method) ? Input : Current(section, configuration);

    public bool ApiKeySet(ModelSection section) => !string.IsNullOrEmpty(configuration[section.ApiKeyKey]);

    public static SectionForm Current(ModelSection section, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(configuration);
        return new SectionForm
        {
            Section = section.Name,
            Provider = ProviderInForce(section, configuration),
            Values = section.Fields.ToDictionary(f => f.Name, f => (string?)ValueInForce(f, configuration)),
        };
    }

    private void AddErrors(IEnumerable<FluentValidation.Results.ValidationFailure> failures)
    {
        foreach (var failure in failures)
        {
            ModelState.AddModelError($"{Input.Section}.{failure.PropertyName}", failure.ErrorMessage);
        }
    }

    private static string ProviderInForce(ModelSection section, IConfiguration configuration) =>
        section.ProviderKey is { } key
            ? (configuration[key] is { Length: > 0 } named ? named.Trim().ToLowerInvariant() : section.DefaultProvider)
            : string.IsNullOrWhiteSpace(configuration[section.Field("baseUrl")!.Key]) ? ModelCatalog.Offline : ModelCatalog.OpenAi;

    private static string ValueInForce(ModelField field, IConfiguration configuration) => configuration[field.Key] ?? field.Default;

    /// <summary>One section's form; each section has its own form on the page.</summary>
    internal sealed class SectionForm
    {
        public string? Section { get; set; }
        public string? Provider { get; set; }
        public Dictionary<string, string?> Values { get; set; } = [];

        /// <summary>A new API key; empty keeps the stored one. Never rendered back.</summary>
        public string? ApiKey { get; set; }

        public bool ClearApiKey { get; set; }
        public string? Reason { get; set; }

        public Command ToCommand() => new(Section ?? "", Provider?.Trim().ToLowerInvariant(), Values.ToDictionary(v => v.Key, v => v.Value?.Trim()), ApiKey?.Trim(), ClearApiKey, Reason);
    }

    /// <summary>Sets one section's provider and values where they differ from those in force, and replaces or clears
    /// its API key; returns how many values changed.</summary>
    internal sealed record Command(string Section, string? Provider, IReadOnlyDictionary<string, string?> Values, string? NewApiKey, bool ClearApiKey, string? Reason)
        : ICommand<int>
    {
        /// <summary>Never prints the key: records print their members.</summary>
        public override string ToString() => $"{nameof(Command)} {{ Section = {Section}, Provider = {Provider} }}";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Section).Must(s => ModelCatalog.Find(s) is not null).WithMessage("Unknown section.");
            RuleFor(c => c.Reason).MaximumLength(500);
            RuleFor(c => c.NewApiKey).MaximumLength(500).Must(k => k is null || !k.Any(char.IsWhiteSpace))
                .WithMessage("An API key has no spaces or line breaks.").OverridePropertyName("ApiKey");
            RuleFor(c => c).Must(c => !(c.ClearApiKey && !string.IsNullOrEmpty(c.NewApiKey)))
                .WithMessage("Either replace the API key or clear it, not both.").OverridePropertyName("ApiKey");
            RuleFor(c => c).Custom((command, context) =>
            {
                if (ModelCatalog.Find(command.Section) is not { } section)
                {
                    return;
                }

                if (section.Providers.FirstOrDefault(p => p.Value == command.Provider) is not { } provider)
                {
                    context.AddFailure("Provider", $"Choose one of: {string.Join(", ", section.Providers.Select(p => p.Label))}.");
                    return;
                }

                foreach (var field in section.Fields)
                {
                    if (Check(field, command.Values.GetValueOrDefault(field.Name), provider.Remote) is { } error)
                    {
                        context.AddFailure($"Values[{field.Name}]", error);
                    }
                }
            });
        }

        private static string? Check(ModelField field, string? value, bool remote)
        {
            var empty = string.IsNullOrWhiteSpace(value);
            return field.Kind switch
            {
                ModelFieldKind.Url when empty => remote ? "Enter the endpoint's base URL, e.g. https://api.openai.com/v1/." : null,
                ModelFieldKind.Url => Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                    && string.IsNullOrEmpty(url.UserInfo) && value!.Length <= 2000
                    ? null
                    : "Enter an absolute http:// or https:// URL (without a user name or password in it).",
                ModelFieldKind.Name when empty => remote ? $"Enter the {field.Label.ToLowerInvariant()} name; an OpenAI-compatible endpoint needs it." : null,
                ModelFieldKind.Name => value!.Length <= 200 && !value.Any(char.IsControl) ? null : "Enter a name of at most 200 characters.",
                ModelFieldKind.Temperature => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 2
                    ? null
                    : "Enter a number from 0 to 2, e.g. 0.2.",
                ModelFieldKind.Tokens => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= field.Min && n <= field.Max
                    ? null
                    : $"Enter a whole number from {field.Min} to {field.Max}.",
                _ => null,
            };
        }
    }

    internal sealed class Handler(AdminDbContext db, IConfiguration configuration, IFieldEncryptor encryptor, AdministrativeChanges changes, ICurrentUser user, TimeProvider time)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var section = ModelCatalog.Find(request.Section)!;
            var current = Current(section, configuration);
            var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in section.Fields)
            {
                var value = request.Values.GetValueOrDefault(field.Name) ?? "";
                wanted[field.Name] = field.Kind == ModelFieldKind.Temperature
                    ? double.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                    : value;
            }

            // Where the provider is implied by the base URL (the model sections), offline means no base URL.
            if (section.ProviderKey is null && request.Provider == ModelCatalog.Offline)
            {
                wanted["baseUrl"] = "";
            }

            var before = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var after = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var stored = await db.ConsoleSettings.ToDictionaryAsync(s => s.Key, StringComparer.OrdinalIgnoreCase, cancellationToken);
            if (section.ProviderKey is { } providerKey && current.Provider != request.Provider)
            {
                Set(stored, providerKey, request.Provider!, encrypted: false);
                before["provider"] = current.Provider!;
                after["provider"] = request.Provider!;
            }
            else if (section.ProviderKey is null && current.Provider != request.Provider)
            {
                before["provider"] = current.Provider!;
                after["provider"] = request.Provider!;
            }

            foreach (var field in section.Fields)
            {
                // An empty value where the module has a default (an offline section's unused endpoint) keeps the
                // value in force rather than binding an empty one.
                if (current.Values[field.Name] != wanted[field.Name] && !(wanted[field.Name].Length == 0 && field.Default.Length > 0))
                {
                    Set(stored, field.Key, wanted[field.Name], encrypted: false);
                    before[field.Name] = current.Values[field.Name] ?? "";
                    after[field.Name] = wanted[field.Name];
                }
            }

            var keySet = !string.IsNullOrEmpty(configuration[section.ApiKeyKey]);
            if (!string.IsNullOrEmpty(request.NewApiKey))
            {
                Set(stored, section.ApiKeyKey, encryptor.Encrypt(request.NewApiKey, ConsoleSettingsProvider.Purpose(section.ApiKeyKey)), encrypted: true);
                before["apiKey"] = keySet ? "set" : "not set";
                after["apiKey"] = "replaced";
            }
            else if (request.ClearApiKey && keySet)
            {
                // An empty value (not a deleted row) so a key from the files or the environment is cleared too.
                Set(stored, section.ApiKeyKey, "", encrypted: false);
                before["apiKey"] = "set";
                after["apiKey"] = "cleared";
            }

            if (after.Count > 0)
            {
                db.AddIntegrationEvent(changes.Describe("admin.models.changed", "models", section.Name, request.Reason,
                    AdministrativeChanges.Snapshot(before), AdministrativeChanges.Snapshot(after)));
            }

            return after.Count;
        }

        private void Set(Dictionary<string, ConsoleSetting> stored, string key, string value, bool encrypted)
        {
            if (!stored.TryGetValue(key, out var row))
            {
                row = new ConsoleSetting { Key = key, Value = "" };
                db.ConsoleSettings.Add(row);
                stored[key] = row;
            }

            row.Value = value;
            row.Encrypted = encrypted;
            row.UpdatedAt = time.GetUtcNow();
            row.UpdatedBy = user.UserId!.Value;
        }
    }
}
