using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.Admin.Data;
using VoiceAssist.BuildingBlocks.Auditing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Usage;

/// <summary>Usage and cost: speech-to-text seconds, text-to-speech characters, prompt and completion tokens per model
/// and embedding tokens, per day and per user, priced from the editable price table; a chart and a CSV export.</summary>
internal sealed class IndexModel(ISender sender, UsageCollector collector, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty]
    public PriceForm Price { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public UsageReport Report { get; private set; } = null!;

    public async Task OnGet(CancellationToken cancellationToken) => Report = await Load(cancellationToken);

    public async Task<IActionResult> OnGetCsv(CancellationToken cancellationToken)
    {
        var report = await Load(cancellationToken);
        var csv = new StringBuilder("day,user,meter,model,quantity,cost\n");
        foreach (var row in report.Rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.Day:yyyy-MM-dd},{row.UserId},{row.Meter},{Csv(row.Model)},{row.Quantity:0.###},{row.Cost:0.######}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"usage-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnPostPrice(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new SetPrice(Price.Meter ?? "", Price.Model ?? "", Price.PricePerUnit, Price.Reason), cancellationToken);
            Notice = $"Price of {Price.Meter} for {Price.Model} saved.";
            return RedirectToPage(new { From, To });
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Errors)
            {
                ModelState.AddModelError("Price." + failure.PropertyName, failure.ErrorMessage);
            }

            Report = await Load(cancellationToken);
            return Page();
        }
    }

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    private async Task<UsageReport> Load(CancellationToken cancellationToken)
    {
        // What this replica metered in the last seconds is written first, so the page is up to date.
        await collector.Flush(cancellationToken);
        var to = To ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = From ?? to.AddDays(-29);
        return await sender.Send(new Query(from, to), cancellationToken);
    }

    private static string Csv(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;

    internal sealed class PriceForm
    {
        public string? Meter { get; set; }
        public string? Model { get; set; }
        public decimal PricePerUnit { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>Usage between two days (inclusive), with its cost.</summary>
    internal sealed record Query(DateOnly From, DateOnly To) : IQuery<UsageReport>;

    internal sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("The end of the period is before its start.");
            RuleFor(q => q).Must(q => q.To.DayNumber - q.From.DayNumber <= 366).WithMessage("Choose a period of at most a year.");
        }
    }

    internal sealed class QueryHandler(AdminDbContext db) : IRequestHandler<Query, UsageReport>
    {
        public async Task<UsageReport> Handle(Query request, CancellationToken cancellationToken)
        {
            var usage = await db.UsageDays.AsNoTracking()
                .Where(u => u.Day >= request.From && u.Day <= request.To)
                .OrderBy(u => u.Day).ThenBy(u => u.UserId).ThenBy(u => u.Meter).ThenBy(u => u.Model)
                .ToListAsync(cancellationToken);
            var prices = await db.UsagePrices.AsNoTracking().ToListAsync(cancellationToken);
            var price = prices.ToDictionary(p => (p.Meter, p.Model), p => p.PricePerUnit);
            var rows = usage.Select(u => new UsageRow(u.Day, u.UserId, u.Meter, u.Model, u.Quantity,
                price.TryGetValue((u.Meter, u.Model), out var unit) ? (decimal)u.Quantity * unit : 0m)).ToList();
            var priced = rows.Select(r => (r.Meter, r.Model)).Concat(prices.Select(p => (p.Meter, p.Model))).Distinct()
                .OrderBy(p => p.Meter, StringComparer.Ordinal).ThenBy(p => p.Model, StringComparer.Ordinal)
                .Select(p => new PriceRow(p.Meter, p.Model, price.GetValueOrDefault(p)))
                .ToList();
            var days = Enumerable.Range(0, request.To.DayNumber - request.From.DayNumber + 1).Select(request.From.AddDays).ToList();
            var daily = days.Select(day => new DailyCost(
                    new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(),
                    rows.Where(r => r.Day == day).Sum(r => r.Cost)))
                .ToList();
            return new UsageReport(request.From, request.To, rows, priced, daily);
        }
    }

    /// <summary>Sets what one unit of a meter costs for a model; audited with the price before and after.</summary>
    internal sealed record SetPrice(string Meter, string Model, decimal PricePerUnit, string? Reason) : ICommand<int>;

    internal sealed class SetPriceValidator : AbstractValidator<SetPrice>
    {
        private static readonly string[] KnownMeters =
        [
            UsageMeter.Meters.SpeechToTextSeconds, UsageMeter.Meters.TextToSpeechCharacters, UsageMeter.Meters.PromptTokens,
            UsageMeter.Meters.CompletionTokens, UsageMeter.Meters.EmbeddingTokens,
        ];

        public SetPriceValidator()
        {
            RuleFor(c => c.Meter).Must(m => KnownMeters.Contains(m)).WithMessage("Choose one of the metered quantities.");
            RuleFor(c => c.Model).NotEmpty().MaximumLength(200);
            RuleFor(c => c.PricePerUnit).InclusiveBetween(0m, 1000m).WithMessage("Enter a price per unit from 0 to 1000.");
            RuleFor(c => c.Reason).MaximumLength(500);
        }
    }

    internal sealed class SetPriceHandler(AdminDbContext db, AdministrativeChanges changes, TimeProvider time) : IRequestHandler<SetPrice, int>
    {
        public async Task<int> Handle(SetPrice request, CancellationToken cancellationToken)
        {
            var row = await db.UsagePrices.FindAsync([request.Meter, request.Model], cancellationToken);
            var before = row?.PricePerUnit;
            if (row is null)
            {
                row = new UsagePrice { Meter = request.Meter, Model = request.Model };
                db.UsagePrices.Add(row);
            }

            row.PricePerUnit = request.PricePerUnit;
            row.UpdatedAt = time.GetUtcNow();
            db.AddIntegrationEvent(changes.Describe("admin.usage_price.changed", "usage_price", $"{request.Meter}/{request.Model}", request.Reason,
                before?.ToString(CultureInfo.InvariantCulture), request.PricePerUnit.ToString(CultureInfo.InvariantCulture)));
            return 1;
        }
    }
}

internal sealed record UsageReport(DateOnly From, DateOnly To, IReadOnlyList<UsageRow> Rows, IReadOnlyList<PriceRow> Prices, IReadOnlyList<DailyCost> Daily)
{
    public IEnumerable<(string Meter, string Model, double Quantity, decimal Cost)> ByModel =>
        Rows.GroupBy(r => (r.Meter, r.Model)).OrderBy(g => g.Key.Meter, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => (g.Key.Meter, g.Key.Model, g.Sum(r => r.Quantity), g.Sum(r => r.Cost)));

    public IEnumerable<(string UserId, decimal Cost, double SpeechSeconds, double Tokens)> ByUser =>
        Rows.GroupBy(r => r.UserId).Select(g => (g.Key, g.Sum(r => r.Cost),
                g.Where(r => r.Meter == UsageMeter.Meters.SpeechToTextSeconds).Sum(r => r.Quantity),
                g.Where(r => r.Meter is UsageMeter.Meters.PromptTokens or UsageMeter.Meters.CompletionTokens).Sum(r => r.Quantity)))
            .OrderByDescending(u => u.Item2).ThenBy(u => u.Key, StringComparer.Ordinal);

    public decimal TotalCost => Rows.Sum(r => r.Cost);
}

internal sealed record UsageRow(DateOnly Day, string UserId, string Meter, string Model, double Quantity, decimal Cost);

internal sealed record PriceRow(string Meter, string Model, decimal PricePerUnit);

/// <summary>One day's cost (its start in Unix seconds), for the chart.</summary>
internal sealed record DailyCost(long T, decimal Cost);
