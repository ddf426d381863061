using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Admin.Audit;

/// <summary>The audit log: filters, pages newest first by keyset (the Compliance module's cursors), and an export of
/// everything the filters select as CSV or JSON, streamed from the database to the browser. Read-only; every search
/// and export is itself recorded by the Compliance module.</summary>
internal sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Query Filters { get; set; } = new();

    public AuditPage? Results { get; private set; }

    public async Task OnGet(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A value the binder could not read (a time that is not a time): shown next to its field, nothing searched.
            foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0 && !e.Key.StartsWith("Filters.", StringComparison.Ordinal)).ToList())
            {
                foreach (var error in entry!.Errors)
                {
                    ModelState.AddModelError("Filters." + char.ToUpperInvariant(key[0]) + key[1..], error.ErrorMessage);
                }
            }

            return;
        }

        try
        {
            Results = await sender.Send(Filters, cancellationToken);
        }
        catch (FluentValidation.ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(Query.FieldOf(error.PropertyName), error.ErrorMessage);
            }
        }
    }

    /// <summary>CSV or JSON of every matching entry, written to the response as it is read.</summary>
    public IActionResult OnGetExport(string? format) => new ExportResult(sender, Filters.ToFilter(), (format ?? AuditExportFormats.Csv).ToLowerInvariant());

    /// <summary>The route values of these filters at another position, for the pager and the export links.</summary>
    public Dictionary<string, string> RouteWith(string? after = null, string? before = null) =>
        Filters.RouteValues().Append(new("after", after)).Append(new("before", before))
            .Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    /// <summary>The filter form and the page position. Times are entered and shown in UTC.</summary>
    internal sealed class Query : IQuery<AuditPage>
    {
        [Display(Name = "Action")]
        public string? Action { get; set; }

        [Display(Name = "Actor id")]
        public string? Actor { get; set; }

        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }

        [Display(Name = "From (UTC)")]
        public DateTime? From { get; set; }

        [Display(Name = "To (UTC)")]
        public DateTime? To { get; set; }

        [Display(Name = "Correlation id")]
        public string? Correlation { get; set; }

        [Display(Name = "Resource id")]
        public string? Resource { get; set; }

        public string? After { get; set; }

        public string? Before { get; set; }

        public AuditFilter ToFilter() => new(
            Action: Action, ActorId: Actor, Outcome: Outcome, From: Utc(From), To: Utc(To), CorrelationId: Correlation, ResourceId: Resource);

        public IEnumerable<KeyValuePair<string, string?>> RouteValues() =>
        [
            new("action", Action), new("actor", Actor), new("outcome", Outcome),
            new("from", From?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
            new("to", To?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
            new("correlation", Correlation), new("resource", Resource),
        ];

        /// <summary>The form field a field error of the contract belongs to.</summary>
        public static string FieldOf(string property) => property switch
        {
            "Filter.Action" => "Filters.Action",
            "Filter.ActorId" => "Filters.Actor",
            "Filter.Outcome" => "Filters.Outcome",
            "Filter.From" => "Filters.From",
            "Filter.To" => "Filters.To",
            "Filter.CorrelationId" => "Filters.Correlation",
            "Filter.ResourceId" => "Filters.Resource",
            _ => "",
        };

        private static DateTimeOffset? Utc(DateTime? value) =>
            value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
    }

    internal sealed class Handler(ISender sender) : IRequestHandler<Query, AuditPage>
    {
        public Task<AuditPage> Handle(Query request, CancellationToken cancellationToken) =>
            sender.Send(new SearchAuditTrail(request.ToFilter(), request.After, request.Before), cancellationToken);
    }

    /// <summary>Streams the export into the response body; the headers go out with its first bytes.</summary>
    private sealed class ExportResult(ISender sender, AuditFilter filter, string format) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            response.Headers.ContentDisposition = $"attachment; filename=\"audit-{stamp}.{(format == AuditExportFormats.Json ? "json" : "csv")}\"";
            response.ContentType = AuditExportFormats.ContentType(format);
            await sender.Send(new ExportAuditTrail(filter, format, response.Body), context.HttpContext.RequestAborted);
        }
    }
}
