using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Tests.Support;

namespace VoiceAssist.Knowledge.Tests.Answers;

/// <summary>The citation check of generated answers, offered to other modules through the mediator for text they have
/// a model write from knowledge base passages (the Voice module's differential diagnosis).</summary>
public sealed class CheckCitationsTests(KnowledgeFactory factory) : IClassFixture<KnowledgeFactory>
{
    [Fact]
    public async Task Uncited_sentences_are_dropped_and_markers_naming_no_passage_removed_both_flagged()
    {
        var result = await Send(new CheckCitations("Pleuritic pain suggests pulmonary embolism [1]. It is common. Fever fits pneumonia [2, 5].", 2));

        result.Sentences.Should().Be(3);
        result.Kept.Select(k => (k.Text, string.Join(',', k.Passages))).Should().Equal(("Pleuritic pain suggests pulmonary embolism.", "1"), ("Fever fits pneumonia.", "2"));
        result.Flags.Select(f => f.Kind).Should().Equal(AnswerFlagKinds.UncitedSentenceDropped, AnswerFlagKinds.InvalidCitationRemoved);
        result.Flags[1].InvalidCitations.Should().Equal(5);
    }

    [Fact]
    public async Task More_passages_than_a_search_returns_is_refused() =>
        await FluentActions.Awaiting(() => Send(new CheckCitations("Anything [1].", 101)))
            .Should().ThrowAsync<ValidationException>().Where(e => e.Errors.Any(f => f.PropertyName == "PassageCount"));

    private async Task<CitationCheckResult> Send(CheckCitations request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }
}
