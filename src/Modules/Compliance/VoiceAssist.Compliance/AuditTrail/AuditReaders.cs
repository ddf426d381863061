using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;

namespace VoiceAssist.Compliance.AuditTrail;

/// <summary>Who may read the trail: administrators and auditors. Nobody may change it: no endpoint or request writes
/// to it except by appending, and the table refuses updates and deletes (0002_audit_chain.sql).</summary>
internal static class AuditReaders
{
    /// <summary>The endpoints' policy: passes whoever passes <see cref="Policies.Admin"/> or <see cref="Policies.Auditor"/>,
    /// so the development user of those policies (Development, Testing) is treated alike.</summary>
    public const string Policy = "compliance:audit-reader";

    public static void AddAuditReaderPolicy(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, AnyPolicyHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddRequirements(new AnyPolicyRequirement([Policies.Admin, Policies.Auditor])));
    }

    /// <summary>The same rule for a request sent through the mediator (the console's pages): a signed-in caller who is
    /// neither an administrator nor an auditor is refused. Anonymous callers are stopped before, by the endpoint's or
    /// the page's policy.</summary>
    public static void Demand(ICurrentUser user)
    {
        if (user.IsAuthenticated && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Auditor))
        {
            throw new ForbiddenException("Only administrators and auditors may read the audit trail.");
        }
    }

    private sealed record AnyPolicyRequirement(IReadOnlyList<string> Policies) : IAuthorizationRequirement;

    private sealed class AnyPolicyHandler(IServiceProvider services) : AuthorizationHandler<AnyPolicyRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AnyPolicyRequirement requirement)
        {
            // Resolved per call: the authorization service depends on every handler, this one included.
            var authorization = services.GetRequiredService<IAuthorizationService>();
            foreach (var policy in requirement.Policies)
            {
                if ((await authorization.AuthorizeAsync(context.User, context.Resource, policy)).Succeeded)
                {
                    context.Succeed(requirement);
                    return;
                }
            }
        }
    }
}
