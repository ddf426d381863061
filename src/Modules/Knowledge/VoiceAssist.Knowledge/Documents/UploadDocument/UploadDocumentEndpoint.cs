using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Contracts.Security;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Documents.UploadDocument;

/// <summary><c>POST /api/knowledge/documents</c>: a multipart upload (field <c>file</c> plus metadata fields
/// title, publisher, publishedOn, version, url, licence, tags, externalId), or, as before, a JSON text document.
/// Shared documents are curated by administrators. With <c>containsPhi=true</c> the upload is a patient document,
/// which a clinician uploads for themselves: owned by them, stored encrypted and readable by nobody else.</summary>
internal static class UploadDocumentEndpoint
{
    public static void Map(RouteGroupBuilder documents, long maxUploadBytes) =>
        documents.MapPost("/", async (HttpContext context, ISender sender, IAuthorizationService authorization, ICurrentUser user, CancellationToken ct) =>
        {
            if (!context.Request.HasFormContentType)
            {
                if (!await Allowed(authorization, context, Policies.Admin))
                {
                    return Results.Forbid();
                }

                if (!context.Request.HasJsonContentType())
                {
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send multipart/form-data with a file, or JSON text.");
                }

                var json = await context.Request.ReadFromJsonAsync<Documents.IngestDocument.IngestDocument>(ct)
                    ?? throw new BadHttpRequestException("The body is empty.");
                var ingested = await sender.Send(json, ct);
                return Results.Created($"/api/knowledge/documents/{ingested.Id}", ingested);
            }

            var limit = context.RequestServices.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Ingestion.MaxUploadBytes;
            var form = await context.Request.ReadFormAsync(ct);
            var flag = Field(form, "containsPhi");
            if (flag is not null && !bool.TryParse(flag, out _))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["containsPhi"] = ["Use true or false."] });
            }

            var containsPhi = flag is not null && bool.Parse(flag);
            if (!await Allowed(authorization, context, containsPhi ? Policies.Clinician : Policies.Admin))
            {
                return Results.Forbid();
            }

            if (containsPhi && user.UserId is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A patient document needs a signed-in clinician, who owns it.");
            }

            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach the document as the multipart field 'file'."] });
            }

            if (file.Length > limit)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
                    detail: $"The file is {file.Length:N0} bytes; at most {limit:N0} bytes are accepted.");
            }

            if (!DateOnly.TryParse(form["publishedOn"].ToString() is { Length: > 0 } date ? date : "0001-01-01", System.Globalization.CultureInfo.InvariantCulture, out var publishedOn))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["publishedOn"] = ["Use a date such as 2024-05-31."] });
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var metadata = new DocumentMetadata(
                ExternalId: Field(form, "externalId"),
                Publisher: Field(form, "publisher"),
                PublishedOn: publishedOn == DateOnly.MinValue ? null : publishedOn,
                Version: Field(form, "version"),
                Url: Field(form, "url"),
                Licence: Field(form, "licence") ?? Field(form, "license"),
                Tags: form["tags"].SelectMany(t => (t ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList());
            try
            {
                var accepted = await sender.Send(new UploadDocument(file.FileName, buffer.ToArray(), Field(form, "title"), metadata, containsPhi ? user.UserId : null), ct);
                return accepted.Outcome == "unchanged"
                    ? Results.Ok(accepted)
                    : Results.Accepted($"/api/knowledge/documents/{accepted.DocumentId}", accepted);
            }
            catch (UnreadableDocumentException unreadable)
            {
                return Results.Problem(statusCode: unreadable.StatusCode, title: "The document cannot be read.", detail: unreadable.Message);
            }
        })
        .WithName(nameof(UploadDocument))
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes + (1024 * 1024)))
        .Accepts<IFormFile>("multipart/form-data", "application/json")
        .Produces<KnowledgeDocumentAccepted>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<bool> Allowed(IAuthorizationService authorization, HttpContext context, string policy) =>
        (await authorization.AuthorizeAsync(context.User, policy)).Succeeded;

    private static string? Field(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
}
