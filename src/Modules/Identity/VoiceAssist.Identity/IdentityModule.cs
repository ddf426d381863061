using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Users.CreateUser;
using VoiceAssist.Identity.Users.GetCurrentUser;

namespace VoiceAssist.Identity;

/// <summary>Users, roles and sign-in.</summary>
public static class IdentityModule
{
    public const string Schema = "identity";

    public static WebApplicationBuilder AddIdentityModule(this WebApplicationBuilder builder)
    {
        builder.AddModule<IdentityDbContext>("Identity", Schema);
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var identity = endpoints.MapGroup("/api/identity").WithTags("Identity");
        CreateUserEndpoint.Map(identity);
        GetCurrentUserEndpoint.Map(identity);
        return endpoints;
    }
}
