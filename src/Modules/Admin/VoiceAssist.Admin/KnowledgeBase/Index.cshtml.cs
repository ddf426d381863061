using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>The knowledge base: embedding progress, the shared documents with filters, title search and paging, a
/// multi-file upload and re-index all. Everything goes through Knowledge's contracts, which audit each change.</summary>
internal sealed class IndexModel(ISender sender) : PageModel
{
    private static readonly string[] OneFileOnly = ["Send one file."];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public Overview View { get; private set; } = null!;

    public static IReadOnlyList<string> Statuses { get; } = ["queued", "extracting", "embedding", "ready", "failed"];

    public static IReadOnlyList<(string Value, string Label)> Sources { get; } =
        [("pdf", "PDF"), ("image", "Scanned image"), ("html", "HTML"), ("markdown", "Markdown"), ("text", "Text")];

    public async Task<IActionResult> OnGet(CancellationToken cancellationToken)
    {
        try
        {
            View = await sender.Send(new Query(Status, Source, Q, After), cancellationToken);
        }
        catch (ValidationException validation)
        {
            ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["Status"] = nameof(Status), ["SourceType"] = nameof(Source), ["Search"] = nameof(Q), ["After"] = nameof(After) });
            View = await sender.Send(new Query(null, null, null, null), cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUpload(CancellationToken cancellationToken)
    {
        if (Files.Count == 0)
        {
            ModelState.AddModelError(nameof(Files), "Choose one or more files to upload.");
        }

        var accepted = new List<string>();
        foreach (var file in Files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            try
            {
                var result = await sender.Send(new UploadKnowledgeDocument(Path.GetFileName(file.FileName), buffer.ToArray()), cancellationToken);
                accepted.Add($"{file.FileName} ({result.Outcome})");
            }
            catch (ValidationException validation)
            {
                foreach (var error in validation.Errors)
                {
                    ModelState.AddModelError(nameof(Files), $"{file.FileName}: {error.ErrorMessage}");
                }
            }
        }

        if (!ModelState.IsValid)
        {
            if (accepted.Count > 0)
            {
                TempData["Notice"] = $"Accepted: {string.Join(", ", accepted)}.";
            }

            View = await sender.Send(new Query(null, null, null, null), cancellationToken);
            return Page();
        }

        TempData["Notice"] = $"Accepted for processing: {string.Join(", ", accepted)}.";
        return RedirectToPage();
    }

    /// <summary>One file of the script-driven upload, answered as JSON so the page shows each file's progress.</summary>
    public async Task<IActionResult> OnPostUploadOne(CancellationToken cancellationToken)
    {
        if (Files is not [var file])
        {
            return BadRequest(new { errors = OneFileOnly });
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        try
        {
            var accepted = await sender.Send(new UploadKnowledgeDocument(Path.GetFileName(file.FileName), buffer.ToArray()), cancellationToken);
            return new JsonResult(new { accepted.DocumentId, accepted.Outcome, accepted.Status });
        }
        catch (ValidationException validation)
        {
            return new JsonResult(new { errors = validation.Errors.Select(e => e.ErrorMessage).ToList() }) { StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    public async Task<IActionResult> OnPostReindexAll(CancellationToken cancellationToken)
    {
        try
        {
            var result = await sender.Send(new ReindexKnowledgeBase(Reason), cancellationToken);
            TempData["Notice"] = $"Re-indexed {result.Documents} documents ({result.Passages} passages); their vectors are being made again.";
            return RedirectToPage();
        }
        catch (ValidationException validation)
        {
            ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["Reason"] = nameof(Reason) });
            View = await sender.Send(new Query(null, null, null, null), cancellationToken);
            return Page();
        }
    }

    /// <summary>The statuses of the given documents, for the upload's per-file progress (a background refresh).</summary>
    public async Task<IActionResult> OnGetProgress([FromQuery] List<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = new List<object>();
        foreach (var id in ids.Take(50))
        {
            var document = (await sender.Send(new GetKnowledgeDocument(id, 0, 1), cancellationToken)).Document;
            rows.Add(new { document.Id, document.Status, document.StatusDetail, document.FailureReason, document.ChunkCount });
        }

        return new JsonResult(rows);
    }

    internal sealed record Query(string? Status, string? SourceType, string? Search, string? After) : IQuery<Overview>;

    internal sealed record Overview(KnowledgeDocumentPage Documents, KnowledgeBaseStatus Progress);

    internal sealed class Handler(ISender sender) : IRequestHandler<Query, Overview>
    {
        public async Task<Overview> Handle(Query request, CancellationToken cancellationToken)
        {
            var documents = await sender.Send(new ListKnowledgeDocuments(Empty(request.Status), Empty(request.SourceType), Empty(request.Search), After: Empty(request.After)), cancellationToken);
            var progress = await sender.Send(new GetKnowledgeBaseStatus(), cancellationToken);
            return new Overview(documents, progress);
        }

        private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
