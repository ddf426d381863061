using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Data;
using VoiceAssist.Knowledge.Ingestion;

namespace VoiceAssist.Knowledge.Documents.UploadDocument;

/// <summary>Accepts an uploaded file (PDF, scanned page image, HTML, Markdown or plain text) after checking it can be
/// read, and queues it: the ingestion worker extracts, chunks and indexes it in the background.</summary>
/// <param name="FileName">The uploaded file's name; its extension says how it is read.</param>
/// <param name="Content">The file.</param>
/// <param name="Title">The title; the file name (or the PDF's own title) when absent.</param>
/// <param name="Metadata">Where the document comes from; not allowed for a patient document.</param>
/// <param name="PatientOwnerId">Set when the upload is flagged as containing patient information: the uploader, who
/// alone may read it. Its title, file name and content are then stored only encrypted, and it is never matched
/// against other documents by content.</param>
internal sealed record UploadDocument(string FileName, byte[] Content, string? Title, DocumentMetadata Metadata, Guid? PatientOwnerId = null) : ICommand<KnowledgeDocumentAccepted>;

internal sealed class UploadDocumentValidator : AbstractValidator<UploadDocument>
{
    public UploadDocumentValidator()
    {
        RuleFor(d => d.FileName).NotEmpty().WithName("file").WithMessage("The upload needs a file name.")
            .MaximumLength(255).WithName("file")
            .Must(UploadFileName.IsSafe).WithName("file").WithMessage("The file name must be a plain name, without folders or '..'.");
        RuleFor(d => d.Content).Must(c => c.Length > 0).WithName("file").WithMessage("The file is empty.");
        RuleFor(d => d.Title).MaximumLength(300);
        RuleFor(d => d.Metadata).SetValidator(new DocumentMetadataValidator());
        RuleFor(d => d.Metadata)
            .Must(m => m.ExternalId is null && m.Publisher is null && m.PublishedOn is null && m.Version is null && m.Url is null && m.Licence is null && (m.Tags is null || m.Tags.Count == 0))
            .When(d => d.PatientOwnerId is not null).OverridePropertyName("containsPhi")
            .WithMessage("A patient document takes only a file and a title: external id, publisher, date, version, URL, licence and tags would be stored unencrypted.");
    }
}

internal sealed class DocumentMetadataValidator : AbstractValidator<DocumentMetadata>
{
    public DocumentMetadataValidator()
    {
        RuleFor(m => m.ExternalId).MaximumLength(200);
        RuleFor(m => m.Publisher).MaximumLength(200);
        RuleFor(m => m.Version).MaximumLength(100);
        RuleFor(m => m.Licence).MaximumLength(1000);
        RuleFor(m => m.Url).MaximumLength(2000)
            .Must(u => u is null || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            .WithMessage("The URL must be an absolute http or https address.");
        RuleFor(m => m.Tags).Must(t => t is null || (t.Count <= 50 && t.All(x => x.Length <= 100))).WithMessage("At most 50 tags of up to 100 characters.");
    }
}

internal static class UploadFileName
{
    public static bool IsSafe(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.IndexOfAny(['/', '\\', '\0', ':']) < 0
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Any(char.IsControl)
        && name.Trim() == name;

    /// <summary>The type a file is read as, from its extension, confirmed by its first bytes.</summary>
    public static string? SourceType(string name, byte[] content) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => SourceTypes.Pdf,
        ".html" or ".htm" => SourceTypes.Html,
        ".md" or ".markdown" => SourceTypes.Markdown,
        ".txt" or ".text" => SourceTypes.Text,
        ".png" or ".jpg" or ".jpeg" or ".tif" or ".tiff" => SourceTypes.Image,
        _ => null,
    };

    public static string ImageFormat(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "png",
        ".jpg" or ".jpeg" => "jpeg",
        _ => "tiff",
    };
}

internal sealed class UploadDocumentHandler(KnowledgeDbContext db, TimeProvider time, IOptions<KnowledgeOptions> options, KnowledgeChanges changes) : IRequestHandler<UploadDocument, KnowledgeDocumentAccepted>
{
    public async Task<KnowledgeDocumentAccepted> Handle(UploadDocument request, CancellationToken cancellationToken)
    {
        var sourceType = UploadFileName.SourceType(request.FileName, request.Content)
            ?? throw new UnreadableDocumentException("Only PDF (.pdf), HTML (.html, .htm), Markdown (.md), plain text (.txt) and scanned page images (.png, .jpg, .tif) are accepted.", 415);
        int? pages = null;
        if (sourceType == SourceTypes.Pdf)
        {
            pages = await PdfExtractor.Inspect(request.Content, options.Value.Ingestion.MaxPdfPages, cancellationToken);
        }
        else if (sourceType == SourceTypes.Image)
        {
            ImageExtractor.Inspect(request.Content, UploadFileName.ImageFormat(request.FileName), options.Value.Ingestion.Ocr);
        }
        else
        {
            CheckText(request.Content, sourceType);
        }

        if (request.PatientOwnerId is { } owner)
        {
            return await QueuePatientDocument(request, owner, sourceType, pages, cancellationToken);
        }

        var hash = ContentHash.Of(request.Content);
        var metadata = request.Metadata;
        var existing = metadata.ExternalId is not null
            ? await db.Documents.SingleOrDefaultAsync(d => d.ExternalId == metadata.ExternalId, cancellationToken)
            : await db.Documents.Where(d => d.ExternalId == null && d.ContentHash == hash).OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null && existing.ContentHash == hash)
        {
            return new KnowledgeDocumentAccepted(existing.Id, "unchanged", existing.Status);
        }

        var before = existing is null ? null : new { existing.Title, existing.FileName, existing.SourceType, existing.ContentHash };
        var now = time.GetUtcNow();
        var fallbackTitle = Path.GetFileNameWithoutExtension(request.FileName);
        var document = existing ?? new Document { Id = Guid.CreateVersion7(), Title = "", Text = "", IngestedAt = now, ExternalId = metadata.ExternalId };
        document.Title = string.IsNullOrWhiteSpace(request.Title) ? fallbackTitle : request.Title.Trim();
        document.FileName = request.FileName;
        document.SourceType = sourceType;
        document.ContentHash = hash;
        document.PageCount = pages;
        document.Status = DocumentStatus.Queued;
        document.StatusDetail = null;
        document.FailureReason = null;
        document.Attempts = 0;
        document.LeaseUntil = null;
        document.UpdatedAt = now;
        document.AddedBy = changes.ActorId;
        TextIngestion.Apply(document, metadata);
        if (existing is null)
        {
            db.Documents.Add(document);
        }
        else
        {
            await db.DocumentSources.Where(s => s.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        }

        db.DocumentSources.Add(new DocumentSource { DocumentId = document.Id, MediaType = sourceType, Content = request.Content });
        changes.Record(db, KnowledgeChanges.DocumentUploaded, "document", document.Id.ToString(), null, before,
            new { document.Title, document.FileName, document.SourceType, document.ContentHash, Bytes = request.Content.Length, document.ExternalId });
        await db.SaveChangesAsync(cancellationToken);
        return new KnowledgeDocumentAccepted(document.Id, existing is null ? "created" : "replaced", DocumentStatus.Queued);
    }

    /// <summary>A patient document is always new: matching it by content hash against other documents would tell its
    /// uploader whether someone else holds the same file, and the hash itself would identify it.</summary>
    private async Task<KnowledgeDocumentAccepted> QueuePatientDocument(UploadDocument request, Guid owner, string sourceType, int? pages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var document = new Document
        {
            Id = Guid.CreateVersion7(),
            Title = PatientDocuments.PlaceholderTitle,
            Text = "",
            IngestedAt = now,
            OwnerId = owner,
            AddedBy = owner,
            SourceType = sourceType,
            PageCount = pages,
            Status = DocumentStatus.Queued,
            UpdatedAt = now,
        };
        db.Documents.Add(document);
        db.PatientDocumentContents.Add(new PatientDocumentContent
        {
            DocumentId = document.Id,
            Title = string.IsNullOrWhiteSpace(request.Title) ? Path.GetFileNameWithoutExtension(request.FileName) : request.Title.Trim(),
            FileName = request.FileName,
            Text = "",
            Source = Convert.ToBase64String(request.Content),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new KnowledgeDocumentAccepted(document.Id, "created", DocumentStatus.Queued);
    }

    private static void CheckText(byte[] content, string sourceType)
    {
        if (content.AsSpan().IndexOf((byte)0) >= 0)
        {
            throw new UnreadableDocumentException($"The file is not {(sourceType == SourceTypes.Html ? "HTML" : "text")}: it contains binary data.", 415);
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            if (text.Trim().Length == 0)
            {
                throw new UnreadableDocumentException("The file has no text.");
            }
        }
        catch (DecoderFallbackException)
        {
            throw new UnreadableDocumentException("The file is not valid UTF-8 text.", 415);
        }
    }
}

/// <summary>The console's upload: the same handler as the HTTP upload, for a shared document, administrators only.</summary>
internal sealed class UploadKnowledgeDocumentHandler(ISender sender, KnowledgeChanges changes) : IRequestHandler<Contracts.Administration.UploadKnowledgeDocument, KnowledgeDocumentAccepted>
{
    public async Task<KnowledgeDocumentAccepted> Handle(Contracts.Administration.UploadKnowledgeDocument request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        try
        {
            return await sender.Send(new UploadDocument(request.FileName, request.Content ?? [], request.Title, request.Metadata ?? new DocumentMetadata()), cancellationToken);
        }
        catch (UnreadableDocumentException unreadable)
        {
            // The console shows why next to the file field, as it does for an empty file.
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("file", unreadable.Message)]);
        }
    }
}
