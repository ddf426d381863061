using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>One shared document: its metadata and progress, the OCR confidence of each scanned page, its extracted text
/// a window at a time, and re-index and delete (each with a reason, audited by Knowledge).</summary>
internal sealed class DocumentModel(ISender sender) : PageModel
{
    private const int Window = 5000;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public KnowledgeDocumentDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken) => await Show(cancellationToken);

    public async Task<IActionResult> OnPostReindex(CancellationToken cancellationToken)
    {
        try
        {
            var result = await sender.Send(new ReindexKnowledgeDocument(Id, Reason), cancellationToken);
            TempData["Notice"] = result.Passages > 0 ? $"Re-indexed {result.Passages} passages." : "Queued for processing again.";
            return RedirectToPage(new { Id });
        }
        catch (ValidationException validation)
        {
            ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["Reason"] = nameof(Reason) });
            return await Show(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostDelete(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new DeleteKnowledgeDocument(Id, Reason), cancellationToken);
        }
        catch (ValidationException validation)
        {
            ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["Reason"] = nameof(Reason) });
            return await Show(cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        TempData["Notice"] = "The document was deleted with its passages and vectors.";
        return Redirect("/admin/knowledge");
    }

    private async Task<IActionResult> Show(CancellationToken cancellationToken)
    {
        try
        {
            Detail = await sender.Send(new Query(Id, Math.Max(0, Offset)), cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    internal sealed record Query(Guid Id, int Offset) : IQuery<KnowledgeDocumentDetail>;

    internal sealed class Handler(ISender sender) : IRequestHandler<Query, KnowledgeDocumentDetail>
    {
        public Task<KnowledgeDocumentDetail> Handle(Query request, CancellationToken cancellationToken) =>
            sender.Send(new GetKnowledgeDocument(request.Id, request.Offset, Window), cancellationToken);
    }
}
