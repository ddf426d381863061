using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Compliance.Contracts.Administration;

namespace VoiceAssist.Admin.Audit;

/// <summary>One audit entry in full: who, what, how it ended, why, the values before and after an administrative
/// change, and its links in the hash chain. Opening it is recorded by the Compliance module.</summary>
internal sealed class EntryModel(ISender sender) : PageModel
{
    public AuditEntryDetail Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGet(long id, CancellationToken cancellationToken)
    {
        try
        {
            Entry = await sender.Send(new Query(id), cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    internal sealed record Query(long Id) : IQuery<AuditEntryDetail>;

    internal sealed class Handler(ISender sender) : IRequestHandler<Query, AuditEntryDetail>
    {
        public Task<AuditEntryDetail> Handle(Query request, CancellationToken cancellationToken) =>
            sender.Send(new GetAuditEntry(request.Id), cancellationToken);
    }
}
