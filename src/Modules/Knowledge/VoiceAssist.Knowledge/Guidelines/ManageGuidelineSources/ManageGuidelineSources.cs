using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Administration;
using VoiceAssist.Knowledge.Contracts.Administration;
using VoiceAssist.Knowledge.Data;

namespace VoiceAssist.Knowledge.Guidelines.ManageGuidelineSources;

internal sealed class ListGuidelineSourcesHandler(KnowledgeDbContext db, GuidelineSourceSeeder seeder, KnowledgeChanges changes, IOptions<KnowledgeOptions> options)
    : IRequestHandler<ListGuidelineSources, IReadOnlyList<GuidelineSourceView>>
{
    public async Task<IReadOnlyList<GuidelineSourceView>> Handle(ListGuidelineSources request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        await seeder.EnsureSeeded(cancellationToken);
        var sources = await db.GuidelineSources.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return [.. sources.Select(s => GuidelineSourceRules.View(s, options.Value.Guidelines.PollInterval))];
    }
}

internal sealed class AddGuidelineSourceValidator : AbstractValidator<AddGuidelineSource>
{
    public AddGuidelineSourceValidator() => GuidelineSourceRules.Apply(this, a => a.Name, a => a.Url, a => a.PollInterval, a => a.Publisher, a => a.Reason);
}

internal sealed class AddGuidelineSourceHandler(KnowledgeDbContext db, KnowledgeChanges changes, TimeProvider time, IOptions<KnowledgeOptions> options)
    : IRequestHandler<AddGuidelineSource, GuidelineSourceView>
{
    public async Task<GuidelineSourceView> Handle(AddGuidelineSource request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var url = GuidelineSourceRules.Normalise(request.Url);
        if (await db.GuidelineSources.AnyAsync(s => s.Url == url, cancellationToken))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("url", "This address is already watched.")]);
        }

        var source = new GuidelineSourceState
        {
            Id = Guid.CreateVersion7(),
            Url = url,
            Name = request.Name.Trim(),
            Publisher = string.IsNullOrWhiteSpace(request.Publisher) ? null : request.Publisher.Trim(),
            PollInterval = request.PollInterval,
            CreatedAt = time.GetUtcNow(),
        };
        db.GuidelineSources.Add(source);
        changes.Record(db, KnowledgeChanges.GuidelineSourceAdded, "guideline_source", source.Id.ToString(), request.Reason, null, GuidelineSourceRules.Snapshot(source));
        await db.SaveChangesAsync(cancellationToken);
        return GuidelineSourceRules.View(source, options.Value.Guidelines.PollInterval);
    }
}

internal sealed class UpdateGuidelineSourceValidator : AbstractValidator<UpdateGuidelineSource>
{
    public UpdateGuidelineSourceValidator() => GuidelineSourceRules.Apply(this, u => u.Name, u => u.Url, u => u.PollInterval, u => u.Publisher, u => u.Reason);
}

internal sealed class UpdateGuidelineSourceHandler(KnowledgeDbContext db, KnowledgeChanges changes, TimeProvider time, IOptions<KnowledgeOptions> options)
    : IRequestHandler<UpdateGuidelineSource, GuidelineSourceView>
{
    public async Task<GuidelineSourceView> Handle(UpdateGuidelineSource request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var source = await db.GuidelineSources.SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Guideline source", request.Id);
        var url = GuidelineSourceRules.Normalise(request.Url);
        if (url != source.Url && await db.GuidelineSources.AnyAsync(s => s.Url == url && s.Id != request.Id, cancellationToken))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("url", "This address is already watched.")]);
        }

        var before = GuidelineSourceRules.Snapshot(source);
        if (url != source.Url)
        {
            // Another address is another page: what the poller knew of the old one says nothing about it.
            (source.Url, source.ETag, source.LastModified, source.ContentHash, source.DocumentId) = (url, null, null, null, null);
            (source.LastCheckedAt, source.LastChangedAt, source.LastError) = (null, null, null);
        }

        source.Name = request.Name.Trim();
        source.Publisher = string.IsNullOrWhiteSpace(request.Publisher) ? null : request.Publisher.Trim();
        source.PollInterval = request.PollInterval;
        source.UpdatedAt = time.GetUtcNow();
        changes.Record(db, KnowledgeChanges.GuidelineSourceUpdated, "guideline_source", source.Id.ToString(), request.Reason, before, GuidelineSourceRules.Snapshot(source));
        await db.SaveChangesAsync(cancellationToken);
        return GuidelineSourceRules.View(source, options.Value.Guidelines.PollInterval);
    }
}

internal sealed class RemoveGuidelineSourceValidator : AbstractValidator<RemoveGuidelineSource>
{
    public RemoveGuidelineSourceValidator() => RuleFor(r => r.Reason).MaximumLength(500);
}

internal sealed class RemoveGuidelineSourceHandler(KnowledgeDbContext db, KnowledgeChanges changes) : IRequestHandler<RemoveGuidelineSource, Unit>
{
    public async Task<Unit> Handle(RemoveGuidelineSource request, CancellationToken cancellationToken)
    {
        await changes.RequireAdministrator();
        var source = await db.GuidelineSources.SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Guideline source", request.Id);
        db.GuidelineSources.Remove(source);
        changes.Record(db, KnowledgeChanges.GuidelineSourceRemoved, "guideline_source", source.Id.ToString(), request.Reason, GuidelineSourceRules.Snapshot(source), null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
