using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>Searches PubMed (nothing stored) and adds the chosen articles to the knowledge base by PMID.</summary>
internal sealed class PubMedModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public List<string> Pmids { get; set; } = [];

    public PubMedSearchResults? Results { get; private set; }

    public string? Unavailable { get; private set; }

    public async Task OnGet(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            await Search(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostIngest(CancellationToken cancellationToken)
    {
        if (Pmids.Count == 0)
        {
            ModelState.AddModelError(nameof(Pmids), "Choose at least one article.");
        }
        else
        {
            try
            {
                var result = await Guard(() => sender.Send(new IngestPubMedArticles(Pmids), cancellationToken));
                if (result is not null)
                {
                    TempData["Notice"] = $"Added {result.Documents.Count(d => d.Outcome == "created")}, updated {result.Documents.Count(d => d.Outcome == "replaced")}, "
                        + $"already there {result.Documents.Count(d => d.Outcome == "unchanged")}" + (result.NotFound.Count > 0 ? $"; not found: {string.Join(", ", result.NotFound)}." : ".");
                    return RedirectToPage(new { Q });
                }
            }
            catch (ValidationException validation)
            {
                ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["Pmids"] = nameof(Pmids) });
            }
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            await Search(cancellationToken);
        }

        return Page();
    }

    private async Task Search(CancellationToken cancellationToken)
    {
        try
        {
            Results = await Guard(() => sender.Send(new SearchPubMed(Q!.Trim(), 20), cancellationToken));
        }
        catch (ValidationException validation)
        {
            ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["Query"] = nameof(Q) });
        }
    }

    /// <summary>NCBI unreachable or refusing is said on the page, not a server error.</summary>
    private async Task<T?> Guard<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
#pragma warning disable CA1031 // The Knowledge module's PubMed failures are its own types; whatever NCBI did, the page says PubMed could not be reached
        catch (Exception ex) when (ex is not ValidationException and not OperationCanceledException)
#pragma warning restore CA1031
        {
            Unavailable = "PubMed could not be reached; try again later.";
            return null;
        }
    }
}
