using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Users;

/// <summary>Invites a new user. The one-time link is shown on the answer to the form and nowhere else: Identity keeps
/// only its hash, the answer is not cached, and reloading does not show it again.</summary>
internal sealed class InviteModel(ISender sender) : PageModel
{
    [BindProperty]
    public InviteForm Input { get; set; } = new();

    public InvitedUser? Invited { get; private set; }

    public string? Link { get; private set; }

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        try
        {
            Invited = await sender.Send(new InviteUser(Input.Email ?? "", Input.DisplayName ?? "", Input.Role ?? ""), cancellationToken);
            Link = $"{Request.Scheme}://{Request.Host}/admin/invitation?token={Uri.EscapeDataString(Invited.InvitationToken)}";
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (ValidationException invalid)
        {
            ConsoleErrors.AddTo(ModelState, invalid, nameof(Input), nameof(InviteForm.Email), nameof(InviteForm.DisplayName), nameof(InviteForm.Role));
            return Page();
        }
    }

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    public static IReadOnlyList<string> Roles => Identity.Contracts.Roles.All;

    internal sealed class InviteForm
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; } = Identity.Contracts.Roles.Clinician;
    }
}
