using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Admin.Audit;

/// <summary>Verifies the whole hash chain on request and shows the result: intact, or the first broken position and
/// why, with the entries checked and the time taken. A form post (antiforgery checked), since it records an entry.</summary>
internal sealed class VerifyModel(ISender sender) : PageModel
{
    public AuditChainVerification? Result { get; private set; }

    public async Task OnPost(CancellationToken cancellationToken) =>
        Result = await sender.Send(new Query(), cancellationToken);

    internal sealed record Query : IQuery<AuditChainVerification>;

    internal sealed class Handler(ISender sender) : IRequestHandler<Query, AuditChainVerification>
    {
        public Task<AuditChainVerification> Handle(Query request, CancellationToken cancellationToken) =>
            sender.Send(new VerifyAuditChain(), cancellationToken);
    }
}
