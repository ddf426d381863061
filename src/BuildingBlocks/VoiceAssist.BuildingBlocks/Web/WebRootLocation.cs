using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;

namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Finds the voice page and the console's assets however the host is started. The web root is
/// <c>wwwroot</c> under the content root, which is the working directory: right for <c>dotnet run</c> and for a
/// published build started from its own directory, wrong for a published build started from anywhere else (a systemd
/// unit without <c>WorkingDirectory</c>) and for the build output, which has no <c>wwwroot</c> of its own (its assets
/// are listed in a static web assets manifest, which ASP.NET Core reads by itself only in Development).</summary>
internal static class WebRootLocation
{
    public static void FindWebRoot(this WebApplicationBuilder builder)
    {
        if (Directory.Exists(builder.Environment.WebRootPath))
        {
            return;
        }

        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            builder.Environment.WebRootPath = published;
            builder.Environment.WebRootFileProvider = new PhysicalFileProvider(published);
            return;
        }

        builder.WebHost.UseStaticWebAssets();
    }
}
