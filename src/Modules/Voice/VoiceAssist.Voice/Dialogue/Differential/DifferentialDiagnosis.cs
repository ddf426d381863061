using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Contracts.Calculators;
using VoiceAssist.Voice.Dialogue.Knowledge;
using VoiceAssist.Voice.Dialogue.Lexicons;
using VoiceAssist.Voice.Dialogue.Understanding;
using VoiceAssist.Voice.ToolCalling;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Voice.Dialogue.Differential;

/// <summary>Answers "differential for a 60-year-old with pleuritic chest pain, fever and a swollen calf". With a language
/// model configured (<c>Voice:Llm</c>): the knowledge base is searched for the presentation (the clinician's own
/// patient documents included), the model ranks diagnoses from those passages only, and each diagnosis's reasoning is
/// held to the knowledge base's citation check (<see cref="CheckCitations"/>): a diagnosis left without a valid
/// citation is dropped and reported. Each kept diagnosis carries the calculators that would test it next. Without a
/// model it says so and offers the calculators that fit the presentation; either way the offered calculators can be
/// started by naming one.</summary>
internal sealed partial class DifferentialDiagnosis(
    ISender sender,
    CalculatorDirectory directory,
    Lexicon lexicon,
    ILogger<DifferentialDiagnosis> logger,
    ConversationModel model)
{
    /// <summary>How many passages the model may draw on.</summary>
    private const int Passages = 8;

    public bool IsAsked(Utterance utterance) => lexicon.Differential.Cues.Any(utterance.Contains);

    public async Task<TurnReply> Respond(string text, DialogueState state, string? callerId, CancellationToken cancellationToken)
    {
        var presentation = text.Trim();
        var catalog = await directory.Get(sender, cancellationToken);
        var fitting = Fitting(Utterance.Of(presentation), catalog);
        if (model.Client is not { } chat)
        {
            return Offer(state, presentation, DifferentialStatuses.NeedsModel, "A differential diagnosis needs a language model, and none is configured.", fitting, []);
        }

        var passages = (await sender.Send(new SearchKnowledge(presentation, TopK: Passages, CallerId: callerId), cancellationToken)).Passages;
        if (passages.Count == 0)
        {
            return Offer(state, presentation, DifferentialStatuses.NotGrounded, "I found nothing in the knowledge base to base a differential on.", fitting, []);
        }

        IReadOnlyList<ProposedDiagnosis>? proposed;
        try
        {
            var options = new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json };
            var response = await chat.GetResponseAsync(DifferentialPrompt.Messages(presentation, passages, catalog.All), options, cancellationToken);
            UsageMeter.RecordChat(response, fallbackModel: null, callerId);
            proposed = DifferentialPrompt.Read(response.Text);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogModelUnavailable(logger, ex.GetType().Name);
            return Offer(state, presentation, DifferentialStatuses.ModelUnavailable, "The language model could not be reached, so I can't give a differential now.", fitting, []);
        }

        if (proposed is null)
        {
            return Offer(state, presentation, DifferentialStatuses.ModelUnavailable, "The language model's differential could not be read, so I can't give one now.", fitting, []);
        }

        var citations = new Citations(passages);
        var items = new List<DifferentialItem>();
        var dropped = new List<string>();
        foreach (var candidate in proposed.Take(DifferentialPrompt.MaxItems))
        {
            var check = await sender.Send(new CheckCitations(candidate.Reasoning, passages.Count), cancellationToken);
            if (check.Kept.Count == 0)
            {
                dropped.Add(candidate.Diagnosis);
                continue;
            }

            var reason = string.Join(' ', check.Kept.Select(k => WithMarkers(k.Text, k.Passages.Select(citations.Number))));
            var numbers = check.Kept.SelectMany(k => k.Passages).Distinct().Select(citations.Number).ToList();
            var suggested = candidate.Calculators.Select(catalog.Find).OfType<CalculatorDescriptor>()
                .Select(c => new SuggestedCalculator(c.Id, c.Name)).DistinctBy(c => c.Id).ToList();
            items.Add(new DifferentialItem(items.Count + 1, candidate.Diagnosis, reason, numbers, suggested));
        }

        if (items.Count == 0)
        {
            return Offer(state, presentation, DifferentialStatuses.NotGrounded, "No diagnosis the language model gave was supported by a cited knowledge base passage, so I won't offer a differential.", fitting, dropped);
        }

        var offered = items.SelectMany(i => i.Calculators).Concat(fitting).DistinctBy(c => c.Id).Take(lexicon.Differential.MaxCalculators).ToList();
        var reply = "Differential, most likely first: " + string.Join(' ', items.Select(i => $"{i.Rank}. {i.Diagnosis}: {i.Reason}"))
            + (offered.Count > 0 ? $" To run next: {Names(offered)}." : string.Empty);
        Remember(state, presentation, reply, offered);
        return new TurnReply(reply, null, citations.Used, null, Understanding(presentation))
        {
            Differential = new DifferentialOutcome(DifferentialStatuses.Ranked, items, offered, dropped, lexicon.Differential.SafetyNotice),
        };
    }

    /// <summary>The calculators whose presentation phrases the text contains, those matching more phrases first.</summary>
    private List<SuggestedCalculator> Fitting(Utterance utterance, CalculatorDirectory.Catalog catalog) =>
        [.. lexicon.Differential.Presentations
            .Select(p => (p.Calculators, Matches: p.Phrases.Count(utterance.Contains)))
            .Where(p => p.Matches > 0)
            .OrderByDescending(p => p.Matches)
            .SelectMany(p => p.Calculators)
            .Select(catalog.Find).OfType<CalculatorDescriptor>()
            .Select(c => new SuggestedCalculator(c.Id, c.Name))
            .DistinctBy(c => c.Id)
            .Take(lexicon.Differential.MaxCalculators)];

    private static TurnReply Offer(DialogueState state, string presentation, string status, string reason, List<SuggestedCalculator> fitting, List<string> dropped)
    {
        var reply = fitting.Count > 0
            ? $"{reason} For this presentation I can run: {Names(fitting)}. Name one to start."
            : $"{reason} I can run a calculator if you name one.";
        Remember(state, presentation, reply, fitting);
        return new TurnReply(reply, null, [], null, Understanding(presentation))
        {
            Differential = new DifferentialOutcome(status, [], fitting, dropped, null),
        };
    }

    /// <summary>Keeps the offered calculators as the choice to make next ("PERC"), with the presentation to read their
    /// inputs from, and the exchange for the language model's history.</summary>
    private static void Remember(DialogueState state, string presentation, string reply, List<SuggestedCalculator> offered)
    {
        state.ClearPending();
        state.AwaitingInput = null;
        if (offered.Count > 0)
        {
            state.CalculatorChoices = [.. offered.Select(c => c.Id)];
            state.PendingText = presentation;
        }

        state.History.Add(new HistoryEntry("user", presentation));
        state.History.Add(new HistoryEntry("assistant", reply));
        if (state.History.Count > ToolCallingDialogue.HistoryMessages)
        {
            state.History.RemoveRange(0, state.History.Count - ToolCallingDialogue.HistoryMessages);
        }
    }

    private static Understood Understanding(string presentation) => new(Intents.Differential, null, new Dictionary<string, string>(), presentation);

    private static string Names(IEnumerable<SuggestedCalculator> calculators)
    {
        var names = calculators.Select(c => c.Name).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    /// <summary>"Pleuritic pain suggests it." with [1, 2] → "Pleuritic pain suggests it [1, 2]."</summary>
    private static string WithMarkers(string sentence, IEnumerable<int> numbers)
    {
        var marker = $"[{string.Join(", ", numbers.Distinct())}]";
        var trimmed = sentence.TrimEnd();
        var end = trimmed.Length;
        while (end > 0 && trimmed[end - 1] is '.' or '!' or '?')
        {
            end--;
        }

        return $"{trimmed[..end]} {marker}{(end < trimmed.Length ? trimmed[end..] : ".")}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model could not be reached for a differential ({ErrorType}).")]
    private static partial void LogModelUnavailable(ILogger logger, string errorType);

    /// <summary>Numbers the passages a turn cites in the order they are first cited, so the turn's citations run 1, 2, 3.</summary>
    private sealed class Citations(IReadOnlyList<KnowledgePassage> passages)
    {
        private readonly Dictionary<int, int> numbers = [];
        private readonly List<Citation> used = [];

        public IReadOnlyList<Citation> Used => used;

        public int Number(int passage)
        {
            if (!numbers.TryGetValue(passage, out var number))
            {
                number = used.Count + 1;
                numbers[passage] = number;
                var p = passages[passage - 1];
                used.Add(new Citation(number, p.Title, p.DocumentId.ToString(), p.Page, p.Section, p.Text));
            }

            return number;
        }
    }
}
