using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;

namespace VoiceAssist.BuildingBlocks.Tests.Mediator;

[TouchesPhi]
internal sealed record GetPatientNote(Guid Id, string CallerId) : IQuery<string>;

[TouchesPhi]
internal sealed record AddTurnToConversation(Guid ConversationId, string Text) : ICommand<string>;

[TouchesPhi]
internal sealed record SummariseText(string Text) : IQuery<string>;

internal sealed record ListCalculators(Guid Id) : IQuery<string>;

public sealed class PhiRequestShapeTests
{
    [Fact]
    public void A_bare_id_names_the_noun_of_the_request_and_the_caller_id_is_the_fallback_actor()
    {
        var shape = PhiRequestShape.Of(typeof(GetPatientNote))!;
        var id = Guid.NewGuid();

        shape.RequestName.Should().Be("GetPatientNote");
        shape.ResourceType.Should().Be("patient_note");
        shape.ResourceId(new GetPatientNote(id, "clinician-7")).Should().Be(id.ToString());
        shape.CallerId(new GetPatientNote(id, "clinician-7")).Should().Be("clinician-7");
    }

    [Fact]
    public void A_named_id_property_names_the_resource()
    {
        var shape = PhiRequestShape.Of(typeof(AddTurnToConversation))!;

        shape.ResourceType.Should().Be("conversation");
        shape.CallerId(new AddTurnToConversation(Guid.NewGuid(), "x")).Should().BeNull();
    }

    [Fact]
    public void A_request_without_an_id_is_still_recorded_under_its_noun()
    {
        var shape = PhiRequestShape.Of(typeof(SummariseText))!;

        shape.ResourceType.Should().Be("text");
        shape.ResourceId(new SummariseText("Jane Doe")).Should().BeNull("the content is never taken as an id");
    }

    [Fact]
    public void Requests_not_marked_are_not_audited() =>
        PhiRequestShape.Of(typeof(ListCalculators)).Should().BeNull();
}
