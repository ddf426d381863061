using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>Edits or removes one guideline source.</summary>
internal sealed class GuidelineSourceModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public GuidelineInput Input { get; set; } = new();

    public GuidelineSourceView Source { get; private set; } = null!;

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken)
    {
        if (await Find(cancellationToken) is not { } source)
        {
            return NotFound();
        }

        Input = new GuidelineInput
        {
            Name = source.Name,
            Url = source.Url,
            Publisher = source.Publisher,
            IntervalHours = source.PollInterval?.TotalHours.ToString("0.##", CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSave(CancellationToken cancellationToken)
    {
        if (await Find(cancellationToken) is null)
        {
            return NotFound();
        }

        if (Input.Interval(ModelState) is var (ok, interval) && ok)
        {
            try
            {
                await sender.Send(new UpdateGuidelineSource(Id, Input.Name ?? "", Input.Url ?? "", interval, Input.Publisher, Input.Reason), cancellationToken);
                TempData["Notice"] = "Saved.";
                return Redirect("/admin/knowledge/guidelines");
            }
            catch (ValidationException validation)
            {
                GuidelineInput.AddErrors(ModelState, validation);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemove(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new RemoveGuidelineSource(Id, Input.Reason), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        TempData["Notice"] = "The source is no longer watched; its document stays in the knowledge base.";
        return Redirect("/admin/knowledge/guidelines");
    }

    private async Task<GuidelineSourceView?> Find(CancellationToken cancellationToken)
    {
        var source = (await sender.Send(new ListGuidelineSources(), cancellationToken)).FirstOrDefault(s => s.Id == Id);
        if (source is not null)
        {
            Source = source;
        }

        return source;
    }
}
