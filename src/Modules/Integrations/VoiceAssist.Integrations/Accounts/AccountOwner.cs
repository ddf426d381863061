using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace VoiceAssist.Integrations.Accounts;

/// <summary>The user a request acts for: the signed-in account, or while sign-in is not required (Development and
/// tests) the configured development user. The same id the Voice module records as a conversation's owner, so the
/// dialogue reaches the links of the clinician whose conversation it is.</summary>
internal static class AccountOwner
{
    public static string Of(HttpContext context, IConfiguration configuration) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } subject
            ? subject
            : configuration["Identity:DevelopmentUser:Id"] ?? "development-user";
}
