using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Admin.Console;

namespace VoiceAssist.Admin.Users;

/// <summary>One account: its state, and the changes an administrator makes to it (role, disable or enable, unlock, reset
/// MFA, end sessions), each a form of its own with its reason. A change the Identity module refuses (an administrator's
/// own account, the last active administrator) is shown beside the form that asked for it, and changes nothing.</summary>
internal sealed class DetailsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public RoleForm RoleChange { get; set; } = new();

    [BindProperty]
    public ReasonForm Access { get; set; } = new();

    [BindProperty]
    public ReasonForm Unlock { get; set; } = new();

    [BindProperty]
    public ReasonForm Mfa { get; set; } = new();

    [BindProperty]
    public ReasonForm Sessions { get; set; } = new();

    [BindProperty]
    public Guid SessionId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public UserDetail Account { get; private set; } = null!;

    public IReadOnlyList<UserSession> LiveSessions { get; private set; } = [];

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken) => await Show(cancellationToken);

    public Task<IActionResult> OnPostRole(CancellationToken cancellationToken) =>
        Change(nameof(RoleChange), () => sender.Send(new ChangeUserRole(Id, RoleChange.Role ?? "", RoleChange.Reason ?? ""), cancellationToken),
            $"Role changed to {RoleChange.Role}. The user's sessions have ended.", cancellationToken, nameof(RoleForm.Role), nameof(RoleForm.Reason));

    public Task<IActionResult> OnPostDisable(CancellationToken cancellationToken) =>
        Change(nameof(Access), () => sender.Send(new DisableUser(Id, Access.Reason ?? ""), cancellationToken),
            "Account disabled. Every session has ended and no sign-in is accepted.", cancellationToken, nameof(ReasonForm.Reason));

    public Task<IActionResult> OnPostEnable(CancellationToken cancellationToken) =>
        Change(nameof(Access), () => sender.Send(new EnableUser(Id, Access.Reason ?? ""), cancellationToken),
            "Account enabled. The user can sign in again.", cancellationToken, nameof(ReasonForm.Reason));

    public Task<IActionResult> OnPostUnlock(CancellationToken cancellationToken) =>
        Change(nameof(Unlock), () => sender.Send(new UnlockUser(Id, Unlock.Reason), cancellationToken),
            "Account unlocked; the failed sign-in count is back to zero.", cancellationToken, nameof(ReasonForm.Reason));

    public Task<IActionResult> OnPostResetMfa(CancellationToken cancellationToken) =>
        Change(nameof(Mfa), () => sender.Send(new ResetUserMfa(Id, Mfa.Reason ?? ""), cancellationToken),
            "MFA reset: authenticator, recovery codes and passkeys removed, sessions ended.", cancellationToken, nameof(ReasonForm.Reason));

    public Task<IActionResult> OnPostEndSession(CancellationToken cancellationToken) =>
        Change(nameof(Sessions), () => sender.Send(new EndUserSession(Id, SessionId, Sessions.Reason), cancellationToken),
            "Session ended.", cancellationToken, nameof(ReasonForm.Reason));

    public Task<IActionResult> OnPostEndAll(CancellationToken cancellationToken) =>
        Change(nameof(Sessions), () => sender.Send(new EndAllUserSessions(Id, Sessions.Reason), cancellationToken),
            "Every session ended.", cancellationToken, nameof(ReasonForm.Reason));

    public string? ErrorFor(string key) => ConsoleErrors.ErrorFor(ModelState, key);

    private async Task<IActionResult> Change<T>(string form, Func<Task<T>> send, string notice, CancellationToken cancellationToken, params string[] fields)
    {
        try
        {
            await send();
            Notice = notice;
            return RedirectToPage(new { Id });
        }
        catch (ValidationException invalid)
        {
            ConsoleErrors.AddTo(ModelState, invalid, form, fields);
        }
        catch (ConflictException refused)
        {
            ModelState.AddModelError(form, refused.Message);
        }

        return await Show(cancellationToken);
    }

    private async Task<IActionResult> Show(CancellationToken cancellationToken)
    {
        try
        {
            Account = await sender.Send(new GetUser(Id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        LiveSessions = await sender.Send(new ListUserSessions(Id), cancellationToken);
        RoleChange.Role ??= Account.Role;
        return Page();
    }

    internal sealed class RoleForm
    {
        public string? Role { get; set; }

        public string? Reason { get; set; }
    }

    internal sealed class ReasonForm
    {
        public string? Reason { get; set; }
    }
}
