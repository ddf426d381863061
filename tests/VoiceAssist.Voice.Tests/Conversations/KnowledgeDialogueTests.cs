using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Testing;
using VoiceAssist.Voice.Dialogue.Knowledge;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>The host with a knowledge base that records each question it is asked and answers with one cited
/// sentence. It stands in for the Knowledge module's answer contract, which this branch does not have yet.</summary>
public sealed class RecordingKnowledgeFactory : VoiceAssistFactory
{
    private readonly ConcurrentQueue<string> questions = new();

    public IReadOnlyCollection<string> Questions => questions;

    public string LastQuestion => questions.Last();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IKnowledgeAnswers>(new RecordingKnowledge(questions)));
    }

    private sealed class RecordingKnowledge(ConcurrentQueue<string> questions) : IKnowledgeAnswers
    {
        public Task<KnowledgeReply> Answer(string question, string? callerId, CancellationToken cancellationToken)
        {
            questions.Enqueue(question);
            return Task.FromResult(new KnowledgeReply(
                true,
                true,
                "Reduce the dose and review renal function regularly [1].",
                [new Citation(1, "KDIGO 2024 CKD guideline", "KDIGO. Kidney Int. 2024;105(4S):S117-S314.", 12, "Medicines", "Reduce the dose and review renal function regularly.")]));
        }
    }
}

/// <summary>Scripted conversations that end in a knowledge answer: ambiguous clinical terms are settled first, the
/// answer carries on with the original question, and follow-ups keep the topic while swapping the qualifier.</summary>
public sealed class KnowledgeDialogueTests(RecordingKnowledgeFactory factory) : IClassFixture<RecordingKnowledgeFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_clear_clinical_question_is_answered_with_its_citations()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("What is the first-line treatment for community-acquired pneumonia?");

        turn.Intent.Should().Be("knowledge");
        turn.ClarifyingQuestion.Should().BeNull();
        turn.Reply.Should().Contain("[1]");
        turn.Citations.Should().Be(1);
        turn.Json.GetProperty("citations")[0].GetProperty("title").GetString().Should().Be("KDIGO 2024 CKD guideline");
        factory.LastQuestion.Should().Be("What is the first-line treatment for community-acquired pneumonia?");
    }

    [Fact]
    public async Task Kidney_disease_is_clarified_and_the_answer_resumes_the_original_question()
    {
        var chat = await Chat.Start(client);

        var question = await chat.Say("What is the metformin dose in kidney disease?");
        question.ClarifyingQuestion.Should().Contain("acute kidney injury").And.Contain("chronic kidney disease").And.Contain("stage");
        question.Citations.Should().Be(0);

        var answer = await chat.Say("chronic, stage 3b");

        answer.Intent.Should().Be("knowledge");
        answer.Question.Should().Be("What is the metformin dose in chronic kidney disease stage 3b?");
        factory.LastQuestion.Should().Be("What is the metformin dose in chronic kidney disease stage 3b?");
        answer.Citations.Should().Be(1);
    }

    [Fact]
    public async Task Chronic_kidney_disease_without_a_stage_asks_for_the_stage_next()
    {
        var chat = await Chat.Start(client);
        await chat.Say("How should I dose apixaban in renal impairment?");

        var stage = await chat.Say("CKD");
        stage.ClarifyingQuestion.Should().StartWith("Which stage of chronic kidney disease");

        var answer = await chat.Say("4");
        answer.Question.Should().Be("How should I dose apixaban in chronic kidney disease stage 4?");
    }

    [Fact]
    public async Task Acute_kidney_injury_needs_no_stage()
    {
        var chat = await Chat.Start(client);
        await chat.Say("Which antibiotics should be avoided in kidney failure?");

        var answer = await chat.Say("acute");

        answer.Question.Should().Be("Which antibiotics should be avoided in acute kidney injury?");
    }

    [Fact]
    public async Task What_about_in_CKD_stage_4_keeps_the_topic_and_swaps_the_qualifier()
    {
        var chat = await Chat.Start(client);
        await chat.Say("What is the metformin dose in kidney disease?");
        await chat.Say("CKD stage 3a");

        var followUp = await chat.Say("what about in CKD stage 4?");

        followUp.Intent.Should().Be("knowledge");
        followUp.ClarifyingQuestion.Should().BeNull();
        followUp.Question.Should().Be("What is the metformin dose in chronic kidney disease stage 4?");
    }

    [Fact]
    public async Task A_question_that_already_names_the_stage_is_answered_directly_and_its_follow_up_swaps_the_stage()
    {
        var chat = await Chat.Start(client);

        var direct = await chat.Say("What is the metformin dose in CKD stage 4?");
        direct.ClarifyingQuestion.Should().BeNull();
        direct.Question.Should().Be("What is the metformin dose in CKD stage 4?");

        var followUp = await chat.Say("and what about CKD stage 5?");
        followUp.Question.Should().Be("What is the metformin dose in chronic kidney disease stage 5?");
    }

    [Fact]
    public async Task Diabetes_is_clarified_as_type_1_type_2_or_gestational()
    {
        var chat = await Chat.Start(client);

        var question = await chat.Say("What is the HbA1c target in diabetes for older adults?");
        question.ClarifyingQuestion.Should().Contain("type 1").And.Contain("type 2").And.Contain("gestational");

        var answer = await chat.Say("type two");
        answer.Question.Should().Be("What is the HbA1c target in type 2 diabetes for older adults?");
    }

    [Fact]
    public async Task Heart_failure_is_clarified_by_ejection_fraction()
    {
        var chat = await Chat.Start(client);

        var question = await chat.Say("Which medicines reduce mortality in heart failure?");
        question.ClarifyingQuestion.Should().Contain("reduced").And.Contain("preserved");

        var answer = await chat.Say("preserved EF");
        answer.Question.Should().Be("Which medicines reduce mortality in heart failure with preserved ejection fraction?");
    }

    [Fact]
    public async Task An_MI_is_clarified_as_STEMI_or_NSTEMI()
    {
        var chat = await Chat.Start(client);

        var question = await chat.Say("How long should dual antiplatelet therapy continue after MI?");
        question.ClarifyingQuestion.Should().Contain("STEMI").And.Contain("NSTEMI");

        var answer = await chat.Say("it was an NSTEMI");
        answer.Question.Should().Be("How long should dual antiplatelet therapy continue after non-ST-elevation myocardial infarction (NSTEMI)?");
    }

    [Fact]
    public async Task Stroke_is_clarified_as_ischaemic_or_haemorrhagic()
    {
        var chat = await Chat.Start(client);

        var question = await chat.Say("When should anticoagulation restart after a stroke?");
        question.ClarifyingQuestion.Should().Contain("ischaemic").And.Contain("haemorrhagic");

        var answer = await chat.Say("haemorrhagic");
        answer.Question.Should().Be("When should anticoagulation restart after a haemorrhagic stroke?");
    }

    [Fact]
    public async Task An_answer_that_does_not_address_the_clarifying_question_is_asked_again()
    {
        var chat = await Chat.Start(client);
        await chat.Say("What is the treatment of hepatitis?");

        var again = await chat.Say("hmm");

        again.Reply.Should().StartWith("Sorry, I didn't catch that.");
        again.ClarifyingQuestion.Should().Contain("viral");
        (await chat.Say("C")).Question.Should().Be("What is the treatment of hepatitis C?");
    }

    [Fact]
    public async Task A_new_request_instead_of_an_answer_drops_the_clarification()
    {
        var chat = await Chat.Start(client);
        await chat.Say("What is the metformin dose in kidney disease?");

        var calculator = await chat.Say("Actually, CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");

        calculator.Value.Should().Be(4);
        (await chat.Say("thanks")).Intent.Should().Be("thanks");
    }
}
