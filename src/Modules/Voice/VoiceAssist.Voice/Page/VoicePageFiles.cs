using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceAssist.BuildingBlocks.Web;

namespace VoiceAssist.Voice.Page;

/// <summary>How the host serves the voice page's files: the content types its model and runtime need, the page's own
/// Content-Security-Policy on its documents, and no source maps outside Development (they describe the whole page's
/// source, about 1.8 MB, to anyone who asks).</summary>
internal static class VoicePageFiles
{
    public static IServiceCollection AddVoicePageFiles(this IServiceCollection services, IWebHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        services.Configure<StaticFileOptions>(files =>
        {
            // The page ships the Silero model (.onnx) and onnxruntime-web's module (.mjs) and WebAssembly; static files
            // are served only with a known content type, which is also how source maps are kept back.
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".onnx"] = "application/octet-stream";
            types.Mappings[".mjs"] = "text/javascript";
            types.Mappings[".wasm"] = "application/wasm";
            if (development)
            {
                types.Mappings[".map"] = "application/json";
            }
            else
            {
                types.Mappings.Remove(".map");
            }

            files.ContentTypeProvider = types;
            files.OnPrepareResponse = file =>
            {
                if (file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    file.Context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.PageContentSecurityPolicy;
                }
            };
        });
        return services;
    }
}
