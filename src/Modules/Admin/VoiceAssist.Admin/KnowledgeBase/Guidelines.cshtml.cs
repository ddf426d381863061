using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>The guideline sources the poller keeps current: when each was last checked and last changed, and a form to
/// add one (name, address, polling interval in hours).</summary>
internal sealed class GuidelinesModel(ISender sender) : PageModel
{
    [BindProperty]
    public GuidelineInput Input { get; set; } = new();

    public IReadOnlyList<GuidelineSourceView> Sources { get; private set; } = [];

    public async Task OnGet(CancellationToken cancellationToken) => Sources = await sender.Send(new ListGuidelineSources(), cancellationToken);

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        if (Input.Interval(ModelState) is var (ok, interval) && ok)
        {
            try
            {
                var added = await sender.Send(new AddGuidelineSource(Input.Name ?? "", Input.Url ?? "", interval, Input.Publisher, Input.Reason), cancellationToken);
                TempData["Notice"] = $"Watching {added.Name}; it is checked within minutes.";
                return RedirectToPage();
            }
            catch (ValidationException validation)
            {
                GuidelineInput.AddErrors(ModelState, validation);
            }
        }

        Sources = await sender.Send(new ListGuidelineSources(), cancellationToken);
        return Page();
    }
}

/// <summary>The add and edit form of a guideline source.</summary>
internal sealed class GuidelineInput
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    /// <summary>Hours between checks; empty for the default.</summary>
    public string? IntervalHours { get; set; }

    public string? Publisher { get; set; }

    public string? Reason { get; set; }

    public (bool Ok, TimeSpan? Interval) Interval(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(IntervalHours))
        {
            return (true, null);
        }

        if (double.TryParse(IntervalHours, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0 && hours < 100_000)
        {
            return (true, TimeSpan.FromHours(hours));
        }

        modelState.AddModelError("Input.IntervalHours", "Enter a number of hours, such as 24, or leave it empty for the default.");
        return (false, null);
    }

    public static void AddErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, ValidationException validation) =>
        ModelErrors.Add(modelState, validation, new Dictionary<string, string>
        {
            ["name"] = "Input.Name", ["url"] = "Input.Url", ["pollInterval"] = "Input.IntervalHours", ["publisher"] = "Input.Publisher", ["reason"] = "Input.Reason",
        });
}
