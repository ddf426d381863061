using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Users;

/// <summary>The accounts: search by part of the email or name, filter by role and status, sort, and page through them.
/// Every filter is in the address, so a view can be bookmarked and the browser's back button works.</summary>
internal sealed class IndexModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Notice { get; set; }

    public UserPage? Users { get; private set; }

    public async Task OnGet(CancellationToken cancellationToken)
    {
        try
        {
            Users = await sender.Send(
                new ListUsers(Blank(Search), Blank(Role), Blank(Status), Blank(Sort), PageNumber, PageSize), cancellationToken);
        }
        catch (ValidationException invalid)
        {
            ConsoleErrors.AddTo(ModelState, invalid, "Filter", nameof(Search), nameof(Role), nameof(Status), nameof(Sort));
            foreach (var failure in invalid.Errors.Where(f => f.PropertyName is "Page" or "PageSize"))
            {
                ModelState.AddModelError("Filter", failure.ErrorMessage);
            }
        }
    }

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    /// <summary>The address of another page of the same view.</summary>
    public string PageLink(int number) => Url.Page("/Users/Index", new { Search = Blank(Search), Role = Blank(Role), Status = Blank(Status), Sort = Blank(Sort), p = number })!;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
