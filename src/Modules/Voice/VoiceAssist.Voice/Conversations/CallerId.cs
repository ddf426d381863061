using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace VoiceAssist.Voice.Conversations;

/// <summary>The id of the clinician making the request: the signed-in user once sign-in exists, until then the
/// configured development user.</summary>
internal static class CallerId
{
    public static string Of(HttpContext context, IConfiguration configuration) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } subject
            ? subject
            : configuration["Identity:DevelopmentUser:Id"] ?? "development-user";
}
