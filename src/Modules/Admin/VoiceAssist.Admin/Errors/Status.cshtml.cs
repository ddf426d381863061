using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace VoiceAssist.Admin.Errors;

/// <summary>The console's page for an error status: what happened and where to go, with the status kept.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
internal sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title => Code switch
    {
        401 => "Sign-in needed",
        403 => "Not allowed",
        404 => "Not found",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        401 => "Your session has ended. Sign in again to continue.",
        403 => "Your account's role does not give access to this part of the console. Ask an administrator if you need it.",
        404 => "There is no such page or item. It may have been deleted.",
        _ => "The request could not be completed. It has been logged with its correlation id.",
    };

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
