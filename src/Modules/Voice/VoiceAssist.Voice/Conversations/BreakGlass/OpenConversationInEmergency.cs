using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Voice.Data;

namespace VoiceAssist.Voice.Conversations.BreakGlass;

/// <summary>Break-glass: a clinician opens a colleague's conversation in an emergency, stating why. Access is read-only
/// and lasts <c>Identity:BreakGlass:Duration</c>; the grant and its reason go to the audit trail through Identity's
/// outbox (HIPAA §164.312(a)(2)(ii) emergency access procedure).</summary>
internal sealed record OpenConversationInEmergency(Guid ConversationId, Guid CallerId, string Reason) : ICommand<EmergencyAccessGrant>;

internal sealed class OpenConversationInEmergencyHandler(VoiceDbContext db, ISender sender) : IRequestHandler<OpenConversationInEmergency, EmergencyAccessGrant>
{
    public async Task<EmergencyAccessGrant> Handle(OpenConversationInEmergency request, CancellationToken cancellationToken)
    {
        var ownerId = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == request.ConversationId)
            .Select(c => c.OwnerId)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conversation", request.ConversationId);
        return await sender.Send(
            new GrantEmergencyAccess(request.CallerId, EmergencyAccessResources.Conversation, request.ConversationId, ownerId, request.Reason ?? ""),
            cancellationToken);
    }
}

internal sealed record EmergencyAccessBody(string? Reason);

internal static class OpenConversationInEmergencyEndpoint
{
    public static void Map(RouteGroupBuilder conversations) =>
        conversations.MapPost("/{id:guid}/emergency-access", async (Guid id, EmergencyAccessBody body, ICurrentUser caller, ISender sender, CancellationToken ct) =>
            {
                var grant = await sender.Send(new OpenConversationInEmergency(id, caller.UserId!.Value, body.Reason ?? ""), ct);
                return Results.Created($"/api/conversations/{id}", grant);
            })
            .WithName(nameof(OpenConversationInEmergency))
            .RequireAuthorization(Policies.SignedIn)
            .ProducesValidationProblem();
}
