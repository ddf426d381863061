using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Users;

/// <summary>Offboarding (deleting) an account: first what happens to each kind of the user's data, as the Identity module
/// states it, then a reason and an explicit confirmation.</summary>
internal sealed class OffboardModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public OffboardingPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken) => await Show(cancellationToken);

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm that the account is to be deleted.");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Give a reason: it is kept in the audit trail.");
        }

        if (ModelState.IsValid)
        {
            try
            {
                var done = await sender.Send(new OffboardUser(Id, Reason!), cancellationToken);
                Notice = $"{done.Email} was offboarded. Their sessions ended and the account is deleted; the audit trail keeps its entries.";
                return RedirectToPage("/Users/Index");
            }
            catch (ValidationException invalid)
            {
                ConsoleErrors.AddTo(ModelState, invalid, "Offboard");
                foreach (var failure in invalid.Errors.Where(f => f.PropertyName == nameof(Reason)))
                {
                    ModelState.AddModelError(nameof(Reason), failure.ErrorMessage);
                }
            }
            catch (ConflictException refused)
            {
                ModelState.AddModelError("Offboard", refused.Message);
            }
        }

        return await Show(cancellationToken);
    }

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    private async Task<IActionResult> Show(CancellationToken cancellationToken)
    {
        try
        {
            Plan = await sender.Send(new DescribeOffboarding(Id), cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
