using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue;
using VoiceAssist.Voice.Dialogue.Knowledge;
using VoiceAssist.Voice.Dialogue.Understanding;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Voice.ToolCalling;

/// <summary>Answers a turn with a language model that calls the calculators and the knowledge base as functions.
/// What must not depend on the model stays in code: an ambiguous clinical term is clarified from the reviewed lexicon
/// before the model is asked, a missing or impossible calculator input ends the turn with the catalog's question for
/// it, and results and citations come from the tools, never from the model's own text.</summary>
internal sealed partial class ToolCallingDialogue(
    ConversationModel model,
    ConversationTools tools,
    Clarifier clarifier,
    ISender sender,
    CalculatorDirectory directory,
    IOptionsMonitor<LlmOptions> options,
    ILogger<ToolCallingDialogue> logger)
{
    /// <summary>Earlier turns kept for the model, as clinician/assistant message pairs.</summary>
    internal const int HistoryMessages = 20;

    private const string Instructions =
        "You are VoiceAssist, a concise assistant for clinicians. Use the functions for every calculation and every clinical fact: "
        + "run_calculator for scores and formulas (list_calculators gives the ids and input names), answer_question for clinical questions. "
        + "Never compute a score or state a clinical fact yourself. Keep using the inputs the clinician gave earlier in the conversation when a follow-up changes one of them. "
        + "Reply in one or two short sentences that repeat the function's result and category; keep citation numbers like [1]. "
        + "Calendar, email and files are not connected yet: say so. Decline anything else briefly.";

    /// <summary>The reply, or null when the model could not be reached, so the offline engine answers instead.</summary>
    public async Task<TurnReply?> Respond(string text, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        if (model.Client is not { } chat)
        {
            return null;
        }

        var settings = options.CurrentValue;
        var utterance = Cues.WithoutPleasantries(Utterance.Of(text));
        if (Cues.ConnectedSystem(utterance) is not null && state.PendingTermId is null)
        {
            // Calendar, email and files are answered by the offline engine's honest stub, not left to the model.
            return null;
        }

        var question = text.Trim();
        if (state.PendingTermId is not null && clarifier.Term(state.PendingTermId) is { } term)
        {
            var resolution = Clarifier.Resolve(term, utterance, state.PendingOption);
            if (resolution.Question is { } detail && resolution.Meaning is null)
            {
                state.PendingOption = resolution.Option;
                return Clarify(state, detail, text);
            }

            if (resolution.Meaning is { } meaning)
            {
                question = Clarifier.Rewrite(state.PendingText ?? string.Empty, state.PendingTermPhrase ?? string.Empty, meaning);
                state.KnowledgeTermId = term.Id;
            }
        }

        state.ClearPending();
        var catalog = await directory.Get(sender, cancellationToken);
        // As offline, only a knowledge question is clarified: not a calculator request, an answer to a calculator's
        // question, or a follow-up about the calculator in use ("and if she also had a prior stroke?").
        var aboutCalculator = catalog.Named(utterance).Count > 0 || state.AwaitingInput is not null
            || (state.CalculatorId is not null && (Cues.IsFollowUp(utterance) || Cues.IsCorrection(utterance) || !Cues.AsksForKnowledge(utterance)));
        if (!aboutCalculator && clarifier.Ambiguity(utterance) is { } ambiguity)
        {
            state.PendingTermId = ambiguity.Term.Id;
            state.PendingTermPhrase = ambiguity.Phrase;
            state.PendingText = question;
            return Clarify(state, ambiguity.Term.Question, text, Intents.Knowledge);
        }

        var messages = new List<ChatMessage> { new(ChatRole.System, Instructions) };
        messages.AddRange(state.History.Select(h => new ChatMessage(h.Role == "assistant" ? ChatRole.Assistant : ChatRole.User, h.Text)));
        messages.Add(new ChatMessage(ChatRole.User, question));
        var chatOptions = new ChatOptions { Tools = ConversationTools.Declarations, ToolMode = ChatToolMode.Auto, Temperature = settings.Temperature, MaxOutputTokens = settings.MaxOutputTokens };

        var turn = new TurnFindings();
        try
        {
            for (var round = 0; round < Math.Max(1, settings.MaxToolRounds); round++)
            {
                var response = await chat.GetResponseAsync(messages, chatOptions, cancellationToken);
                UsageMeter.RecordChat(response, settings.Model, callerId);
                var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                if (calls.Count == 0)
                {
                    return Finish(state, text, response.Text, turn);
                }

                messages.AddRange(response.Messages);
                var results = new List<AIContent>();
                foreach (var call in calls)
                {
                    var outcome = await tools.Invoke(call, callerId, cancellationToken);
                    turn.Add(outcome);
                    if (outcome.Clarification is { } needed)
                    {
                        state.CalculatorId = outcome.Calculator!.Id;
                        state.Slots = outcome.Slots ?? [];
                        state.AwaitingInput = outcome.Missing!.Name;
                        return Clarify(state, outcome.Missing.Prompt, text, Intents.Calculator, needed);
                    }

                    results.Add(new FunctionResultContent(call.CallId, outcome.Content));
                }

                messages.Add(new ChatMessage(ChatRole.Tool, results));
            }

            return Finish(state, text, turn.Result is { } result ? $"{result.Name}: {result.DisplayValue}. {result.Interpretation}" : "I couldn't finish that request.", turn);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogModelUnavailable(logger, ex.GetType().Name);
            return null;
        }
    }

    private static TurnReply Finish(DialogueState state, string said, string modelText, TurnFindings turn)
    {
        var reply = string.IsNullOrWhiteSpace(modelText) && turn.Result is { } result ? $"{result.Name}: {result.DisplayValue}. {result.Interpretation}" : modelText.Trim();
        string intent;
        if (turn.Result is not null)
        {
            state.CalculatorId = turn.Calculator!.Id;
            state.Slots = turn.Slots ?? [];
            state.AwaitingInput = null;
            intent = Intents.Calculator;
        }
        else if (turn.Question is not null)
        {
            state.KnowledgeQuestion = turn.Question;
            intent = Intents.Knowledge;
        }
        else
        {
            intent = Intents.Conversation;
        }

        Remember(state, said, reply);
        return new TurnReply(reply, null, turn.Citations, turn.Result, Understanding(state, intent, turn.Question));
    }

    private static TurnReply Clarify(DialogueState state, string question, string said, string intent = Intents.Knowledge, string? reply = null)
    {
        Remember(state, said, reply ?? question);
        return new TurnReply(reply ?? question, question, [], null, Understanding(state, intent, intent == Intents.Knowledge ? state.PendingText : null));
    }

    private static void Remember(DialogueState state, string said, string reply)
    {
        state.History.Add(new HistoryEntry("user", said.Trim()));
        state.History.Add(new HistoryEntry("assistant", reply));
        if (state.History.Count > HistoryMessages)
        {
            state.History.RemoveRange(0, state.History.Count - HistoryMessages);
        }
    }

    private static Understood Understanding(DialogueState state, string intent, string? question) => new(
        intent,
        intent == Intents.Calculator ? state.CalculatorId : null,
        intent == Intents.Calculator ? state.Slots.ToDictionary(s => s.Key, s => s.Value.ToString(), StringComparer.Ordinal) : new Dictionary<string, string>(),
        intent == Intents.Knowledge ? question : null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model could not be reached ({ErrorType}); the offline engine answered the turn.")]
    private static partial void LogModelUnavailable(ILogger logger, string errorType);

    /// <summary>What the functions called during one turn found: the last calculator result and every citation.</summary>
    private sealed class TurnFindings
    {
        private readonly List<Citation> citations = [];

        public CalculatorOutcome? Result { get; private set; }

        public CalculatorDescriptor? Calculator { get; private set; }

        public Dictionary<string, SlotValue>? Slots { get; private set; }

        public string? Question { get; private set; }

        public IReadOnlyList<Citation> Citations => citations;

        public void Add(ToolOutcome outcome)
        {
            if (outcome.Result is not null)
            {
                (Result, Calculator, Slots) = (outcome.Result, outcome.Calculator, outcome.Slots);
            }

            if (outcome.Question is not null)
            {
                Question = outcome.Question;
            }

            // Citation numbers restart with every answer; renumber so one turn's numbers stay distinct.
            citations.AddRange(outcome.Citations.Select(c => c with { Number = c.Number + citations.Count }));
        }
    }
}
