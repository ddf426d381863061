using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Integrations.Contracts.Administration;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Integrations;

/// <summary>The connectors to calendar (CalDAV), mail (IMAP) and file (WebDAV) servers: where each points and whether it
/// is on. Each save is audited by the Integrations module with the values before and after.</summary>
internal sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ConnectorStatus> Connectors { get; private set; } = [];

    [BindProperty]
    public ConnectorForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGet(CancellationToken cancellationToken) => Connectors = await sender.Send(new ListConnectors(), cancellationToken);

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        try
        {
            var saved = await sender.Send(new ConfigureConnector(Input.Kind ?? "", Input.BaseUrl?.Trim() ?? "", Input.Enabled, Input.Reason), cancellationToken);
            Notice = $"The {saved.Kind} connector now points at {saved.BaseUrl} and is {(saved.Enabled ? "on" : "off")}.";
            return RedirectToPage();
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Errors)
            {
                ModelState.AddModelError($"{Input.Kind}.{failure.PropertyName}", failure.ErrorMessage);
            }

            Connectors = await sender.Send(new ListConnectors(), cancellationToken);
            return Page();
        }
    }

    public string? ErrorFor(string kind, string field) => ConsoleErrors.ErrorFor(ModelState, $"{kind}.{field}");

    /// <summary>One connector's form; each kind has its own form on the page.</summary>
    internal sealed class ConnectorForm
    {
        public string? Kind { get; set; }
        public string? BaseUrl { get; set; }
        public bool Enabled { get; set; }
        public string? Reason { get; set; }
    }
}
