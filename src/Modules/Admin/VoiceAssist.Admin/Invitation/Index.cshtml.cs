using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Invitation;

/// <summary>The page a new user opens from their invitation link: they choose their password here, then sign in on the
/// voice page, which walks an administrator or auditor through setting up an authenticator app before anything else.
/// Open without signing in: the token in the link is the proof.</summary>
[AllowAnonymous]
internal sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public PendingInvitation? Invitation { get; private set; }

    public InvitationAccepted? Accepted { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken) => await Show(cancellationToken);

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Choose a password.");
        }
        else if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two passwords are not the same.");
        }

        if (ModelState.IsValid)
        {
            try
            {
                Accepted = await sender.Send(new AcceptInvitation(Token ?? "", Password!), cancellationToken);
                return Page();
            }
            catch (ValidationException invalid)
            {
                ConsoleErrors.AddTo(ModelState, invalid, "Invitation");
                foreach (var failure in invalid.Errors.Where(f => string.Equals(f.PropertyName, nameof(Password), StringComparison.OrdinalIgnoreCase)))
                {
                    ModelState.AddModelError(nameof(Password), failure.ErrorMessage);
                }
            }
            catch (NotFoundException)
            {
                // Used, expired or never issued: the page below says so.
            }
        }

        return await Show(cancellationToken);
    }

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    private async Task<IActionResult> Show(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Invitation = await sender.Send(new DescribeInvitation(Token ?? ""), cancellationToken);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
