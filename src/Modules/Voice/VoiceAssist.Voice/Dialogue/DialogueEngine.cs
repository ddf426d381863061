using FluentValidation;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue.Calendar;
using VoiceAssist.Voice.Dialogue.Differential;
using VoiceAssist.Voice.Dialogue.Knowledge;
using VoiceAssist.Voice.Dialogue.Lexicons;
using VoiceAssist.Voice.Dialogue.Understanding;
using VoiceAssist.Voice.ToolCalling;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>Answers one turn of a text conversation without a language model. In order: a pending clarification is
/// answered first; small talk; the calendar (<see cref="CalendarDialogue"/>); a differential diagnosis (<see cref="DifferentialDiagnosis"/>); requests for email or files; a calculator by name; the calculator in use
/// (an answer to its question, a follow-up "and if she also had...", a correction "she's 67, not 76"); a follow-up to
/// the last knowledge question ("what about in CKD stage 4?"); a clinical question for the knowledge base, after
/// settling any ambiguous term; and anything else is declined. With a language model configured (<c>Voice:Llm</c>),
/// everything after small talk goes to <see cref="ToolCallingDialogue"/>, and this engine answers whenever the model
/// cannot be reached.</summary>
internal sealed class DialogueEngine(
    ISender sender,
    CalculatorDirectory directory,
    SlotExtractor extractor,
    Clarifier clarifier,
    IKnowledgeAnswers knowledge,
    Lexicon lexicon,
    DifferentialDiagnosis differential,
    CalendarDialogue calendar,
    Tasks.TaskDialogue tasks,
    ToolCallingDialogue? toolCalling = null)
{
    private const string Offer = "I can run clinical calculators, such as CHA₂DS₂-VASc, HAS-BLED, Wells or creatinine clearance, and answer clinical questions from the knowledge base.";

    /// <param name="text">What the clinician said or typed.</param>
    /// <param name="state">The conversation's memory, updated in place.</param>
    /// <param name="callerId">The clinician whose conversation this is: knowledge answers may cite their own patient
    /// documents.</param>
    /// <param name="cancellationToken">Ends the turn.</param>
    public async Task<TurnReply> Respond(string text, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var catalog = await directory.Get(sender, cancellationToken);
        var said = Utterance.Of(text);
        if (Cues.SmallTalk(said) is { } smallTalk)
        {
            return Say(state, smallTalk, smallTalk switch
            {
                Intents.Greeting => "Hello. " + Offer + " What do you need?",
                Intents.Thanks => "You're welcome.",
                Intents.Goodbye => "Goodbye.",
                _ => Offer + " For example: \"CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes\", or \"what is the first-line treatment for community-acquired pneumonia?\"",
            });
        }

        // The calendar (and the yes or no to a change read back) before anything else: its own state, its own server.
        if (await calendar.Respond(Cues.WithoutPleasantries(said), state, callerId, cancellationToken) is { } calendarReply)
        {
            return calendarReply;
        }

        if (await tasks.Respond(text, Cues.WithoutPleasantries(said), callerId, cancellationToken) is { } tasksReply)
        {
            return tasksReply;
        }

        if (differential.IsAsked(said))
        {
            return await differential.Respond(text, state, callerId, cancellationToken);
        }

        if (toolCalling is not null && await toolCalling.Respond(text, state, callerId, cancellationToken) is { } modelReply)
        {
            return modelReply;
        }

        var utterance = Cues.WithoutPleasantries(said);
        if (state.CalculatorChoices is { Count: > 0 } choices && ChooseCalculator(catalog, choices, utterance) is { } chosen)
        {
            var pending = state.PendingText ?? string.Empty;
            state.ClearPending();
            return await StartCalculator(chosen, Utterance.Of(pending + " " + utterance.Text), state, cancellationToken);
        }

        if (state.PendingTermId is not null && clarifier.Term(state.PendingTermId) is { } term)
        {
            if (await Clarified(term, utterance, state, callerId, cancellationToken) is { } clarified)
            {
                return clarified;
            }
        }

        if (state.PendingTermId is not null && clarifier.Term(state.PendingTermId) is { } unanswered
            && utterance.Tokens.Count <= 3 && catalog.Named(utterance).Count == 0 && !Cues.IsClinical(utterance, lexicon))
        {
            var again = state.PendingOption is { } option && unanswered.Options[option].Detail is { } detail ? detail.Question : unanswered.Question;
            return new TurnReply($"Sorry, I didn't catch that. {again}", again, [], null, Understanding(state, Intents.Knowledge));
        }

        state.ClearPending();
        if (Cues.ConnectedSystem(utterance) is { } system and not Intents.Calendar)
        {
            var what = system switch { Intents.Email => "email", _ => "files" };
            return Say(state, system, $"I can't reach your {what} yet: it hasn't been connected to VoiceAssist.");
        }

        var named = catalog.Named(utterance);
        if (named.Count > 0 && !(Cues.AsksForKnowledge(utterance) && !Cues.AsksForCalculation(utterance)))
        {
            if (named.Count == 1)
            {
                return await StartCalculator(named[0], utterance, state, cancellationToken);
            }

            state.CalculatorChoices = [.. named.Select(c => c.Id)];
            state.PendingText = utterance.Text;
            var question = $"Which one do you mean: {string.Join(" or ", named.Select(c => c.Name))}?";
            return new TurnReply(question, question, [], null, Understanding(state, Intents.Calculator));
        }

        if (catalog.Find(state.CalculatorId) is { } active
            && (state.AwaitingInput is not null || Cues.IsFollowUp(utterance) || Cues.IsCorrection(utterance) || !Cues.AsksForKnowledge(utterance)))
        {
            var slots = extractor.Extract(utterance, active, state.AwaitingInput);
            if (slots.Count > 0)
            {
                foreach (var (name, value) in slots)
                {
                    state.Slots[name] = value;
                }

                return await Calculate(active, state, [], cancellationToken);
            }

            if (state.AwaitingInput is { } awaiting && !Cues.IsClinical(utterance, lexicon) && active.Inputs.FirstOrDefault(i => i.Name == awaiting) is { } input)
            {
                return Ask(state, active, input, $"I didn't catch the {Lower(input.Label)}.");
            }
        }

        if (state.KnowledgeQuestion is { } previous && Cues.FollowUpQualifier(utterance) is { Length: > 0 } qualifier)
        {
            return await FollowUpQuestion(previous, qualifier, utterance, state, callerId, cancellationToken);
        }

        if (Cues.IsClinical(utterance, lexicon) || named.Count > 0)
        {
            return await KnowledgeQuestion(text, utterance, state, callerId, cancellationToken);
        }

        return Say(state, Intents.OutOfScope, "I can't help with that. " + Offer);
    }

    private async Task<TurnReply> StartCalculator(CalculatorDescriptor calculator, Utterance utterance, DialogueState state, CancellationToken cancellationToken)
    {
        state.ClearPending();
        state.CalculatorId = calculator.Id;
        state.AwaitingInput = null;
        state.Slots = new Dictionary<string, SlotValue>(StringComparer.Ordinal);
        var carried = new List<string>();
        foreach (var input in calculator.Inputs.Where(i => i.Kind != "boolean"))
        {
            if (state.PatientFacts.TryGetValue(input.Name, out var fact))
            {
                state.Slots[input.Name] = fact;
                carried.Add(input.Name);
            }
        }

        foreach (var (name, value) in extractor.Extract(utterance, calculator))
        {
            state.Slots[name] = value;
            carried.Remove(name);
        }

        return await Calculate(calculator, state, carried, cancellationToken);
    }

    private async Task<TurnReply> Calculate(CalculatorDescriptor calculator, DialogueState state, List<string> carried, CancellationToken cancellationToken)
    {
        var earlier = carried.Count > 0
            ? $" (Using {string.Join(", ", carried.Select(name => calculator.Inputs.First(i => i.Name == name)).Select(i => $"{Lower(i.Label)} {state.Slots[i.Name]}"))} from earlier.)"
            : string.Empty;
        if (state.Slots.Count == 0 && calculator.Inputs.All(i => i.Kind == "boolean"))
        {
            state.AwaitingInput = null;
            var criteria = string.Join("; ", calculator.Inputs.Select(i => Lower(i.Label)));
            var which = "Which of these apply?";
            return new TurnReply($"For the {calculator.Name}, tell me which criteria apply: {criteria}.", which, [], null, Understanding(state, Intents.Calculator));
        }

        if (calculator.Inputs.FirstOrDefault(i => i.Required && i.DefaultValue is null && !state.Slots.ContainsKey(i.Name)) is { } missing)
        {
            return Ask(state, calculator, missing, $"For the {calculator.Name} I still need the {Lower(missing.Label)}.{earlier}");
        }

        try
        {
            var inputs = state.Slots.ToDictionary(s => s.Key, s => new CalculatorInput(s.Value.Value, s.Value.Unit), StringComparer.Ordinal);
            var result = await sender.Send(new RunCalculator(calculator.Id, inputs), cancellationToken);
            state.AwaitingInput = null;
            foreach (var input in calculator.Inputs.Where(i => i.Kind != "boolean" && state.Slots.ContainsKey(i.Name)))
            {
                state.PatientFacts[input.Name] = state.Slots[input.Name];
            }

            var category = result.Category is null ? string.Empty : $", {result.Category}";
            var readBack = CalculatorReadBack.Of(calculator, state.Slots, carried);
            return new TurnReply(
                $"{result.Name}: {result.DisplayValue}{category}. {result.Interpretation} {readBack.Spoken()}".TrimEnd(),
                null,
                [],
                CalculatorOutcome.From(result) with { AssumedAbsent = readBack.AssumedAbsent, Defaulted = readBack.Defaulted },
                Understanding(state, Intents.Calculator));
        }
        catch (ValidationException invalid) when (invalid.Errors.FirstOrDefault() is { } error
            && calculator.Inputs.FirstOrDefault(i => "inputs." + i.Name == error.PropertyName) is { } field)
        {
            state.Slots.Remove(field.Name);
            return Ask(state, calculator, field, error.ErrorMessage.TrimEnd('.') + ".");
        }
    }

    private static TurnReply Ask(DialogueState state, CalculatorDescriptor calculator, CalculatorInputDescriptor input, string preface)
    {
        state.AwaitingInput = input.Name;
        return new TurnReply($"{preface} {input.Prompt}", input.Prompt, [], null, Understanding(state, Intents.Calculator) with { CalculatorId = calculator.Id });
    }

    private async Task<TurnReply?> Clarified(AmbiguousTerm term, Utterance answer, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        var resolution = Clarifier.Resolve(term, answer, state.PendingOption);
        if (resolution.Meaning is { } meaning)
        {
            var question = Clarifier.Rewrite(state.PendingText ?? string.Empty, state.PendingTermPhrase ?? string.Empty, meaning);
            state.ClearPending();
            return await Answer(question, meaning, term.Id, state, callerId, cancellationToken);
        }

        if (resolution.Question is { } detail)
        {
            state.PendingOption = resolution.Option;
            return new TurnReply(detail, detail, [], null, Understanding(state, Intents.Knowledge));
        }

        return null;
    }

    private async Task<TurnReply> KnowledgeQuestion(string text, Utterance utterance, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        if (clarifier.Ambiguity(utterance) is { } ambiguity)
        {
            state.PendingTermId = ambiguity.Term.Id;
            state.PendingTermPhrase = ambiguity.Phrase;
            state.PendingText = text.Trim();
            return new TurnReply(ambiguity.Term.Question, ambiguity.Term.Question, [], null, Understanding(state, Intents.Knowledge));
        }

        var qualified = lexicon.AmbiguousTerms.FirstOrDefault(t => t.ResolvedBy.Any(utterance.Contains));
        return await Answer(text.Trim(), null, qualified?.Id, state, callerId, cancellationToken);
    }

    /// <summary>"What about in CKD stage 4?": the last question, with its qualifier swapped for the new one.</summary>
    private async Task<TurnReply> FollowUpQuestion(string previous, string qualifier, Utterance utterance, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        var term = clarifier.Term(state.KnowledgeTermId);
        var meaning = term is not null && Clarifier.Resolve(term, utterance, null).Meaning is { } resolved ? resolved : qualifier;
        var question = state.KnowledgeQualifier is { } old && previous.Contains(old, StringComparison.OrdinalIgnoreCase)
            ? previous.Replace(old, meaning, StringComparison.OrdinalIgnoreCase)
            : (term is null ? null : Clarifier.ReplaceTerm(previous, term, meaning)) ?? $"{previous.TrimEnd(' ', '?', '.')} in {meaning}?";

        return await Answer(question, meaning, state.KnowledgeTermId, state, callerId, cancellationToken);
    }

    private async Task<TurnReply> Answer(string question, string? qualifier, string? termId, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        state.AwaitingInput = null;
        state.KnowledgeQuestion = question;
        state.KnowledgeQualifier = qualifier;
        state.KnowledgeTermId = termId ?? state.KnowledgeTermId;
        var answer = await knowledge.Answer(question, callerId, cancellationToken);
        var text = answer switch
        {
            { Available: false } => answer.Text,
            { Found: false } => "I found nothing in the knowledge base that answers that.",
            _ => answer.Text,
        };
        return new TurnReply(text, null, answer.Citations, null, Understanding(state, Intents.Knowledge) with { Question = question });
    }

    private static CalculatorDescriptor? ChooseCalculator(CalculatorDirectory.Catalog catalog, List<string> choices, Utterance utterance)
    {
        var candidates = choices.Select(catalog.Find).OfType<CalculatorDescriptor>().ToList();
        if (catalog.Named(utterance).Where(c => choices.Contains(c.Id)).ToList() is [var named])
        {
            return named;
        }

        // The words that tell the candidates apart: "dvt" and "pe" for the two Wells scores.
        var words = candidates.ToDictionary(c => c, c => Utterance.Normalize(c.Id + " " + c.Name).Split(' ').ToHashSet(StringComparer.Ordinal));
        var distinct = candidates.Where(c => words[c].Except(candidates.Where(o => o != c).SelectMany(o => words[o])).Any(w => w.Length > 1 && utterance.Contains(w))).ToList();
        return distinct is [var only] ? only : null;
    }

    private static TurnReply Say(DialogueState state, string intent, string reply) =>
        new(reply, null, [], null, Understanding(state, intent));

    private static Understood Understanding(DialogueState state, string intent) => new(
        intent,
        intent == Intents.Calculator ? state.CalculatorId : null,
        intent == Intents.Calculator ? state.Slots.ToDictionary(s => s.Key, s => s.Value.ToString(), StringComparer.Ordinal) : new Dictionary<string, string>(),
        intent == Intents.Knowledge ? state.PendingText ?? state.KnowledgeQuestion : null);

    internal static string Lower(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
}
