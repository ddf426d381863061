using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Administration;

namespace VoiceAssist.Admin.KnowledgeBase;

/// <summary>Imports a JSON-lines file through Knowledge's bulk import: every good line is searchable when the summary
/// shows, every bad line is named with its number.</summary>
internal sealed class ImportModel(ISender sender) : PageModel
{
    [BindProperty]
    public IFormFile? JsonLines { get; set; }

    public KnowledgeImportSummary? Summary { get; private set; }

    public async Task<IActionResult> OnPost(CancellationToken cancellationToken)
    {
        if (JsonLines is null || JsonLines.Length == 0)
        {
            ModelState.AddModelError(nameof(JsonLines), "Choose a JSON-lines file that is not empty.");
            return Page();
        }

        await using var stream = JsonLines.OpenReadStream();
        try
        {
            Summary = await sender.Send(new ImportKnowledgeDocuments(stream), cancellationToken);
        }
        catch (ValidationException validation)
        {
            ModelErrors.Add(ModelState, validation, new Dictionary<string, string> { ["file"] = nameof(JsonLines) });
        }

        return Page();
    }
}
