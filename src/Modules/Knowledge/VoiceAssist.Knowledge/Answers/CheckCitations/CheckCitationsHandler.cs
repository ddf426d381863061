using FluentValidation;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Answers.Generative;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.Answers.CheckCitations;

internal sealed class CheckCitationsValidator : AbstractValidator<Contracts.CheckCitations>
{
    public CheckCitationsValidator()
    {
        RuleFor(c => c.Text).NotNull().MaximumLength(20_000);
        RuleFor(c => c.PassageCount).InclusiveBetween(0, 100);
    }
}

/// <summary>Answers <see cref="Contracts.CheckCitations"/> with the citation check of generated answers, so text other
/// modules have a model write from knowledge base passages is held to the same rule.</summary>
internal sealed class CheckCitationsHandler : IRequestHandler<Contracts.CheckCitations, CitationCheckResult>
{
    public Task<CitationCheckResult> Handle(Contracts.CheckCitations request, CancellationToken cancellationToken)
    {
        var check = CitationChecker.Check(request.Text, request.PassageCount);
        return Task.FromResult(new CitationCheckResult(check.Sentences, [.. check.Kept.Select(k => new CitedSentence(k.Text, k.Passages))], check.Flags));
    }
}
