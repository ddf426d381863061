using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.Knowledge.Contracts;
using VoiceAssist.Knowledge.Search;
using VoiceAssist.BuildingBlocks.Observability;

namespace VoiceAssist.Knowledge.Answers.Generative;

/// <summary>Answers with a language model from the same passages the extractive answer would use. The model's reply
/// is held to them by <see cref="CitationChecker"/>; citations are renumbered to the passages actually cited. When
/// the model fails, times out, or leaves no cited sentence, the extractive answer is given and says why; an
/// uncited answer never is.</summary>
internal sealed partial class GenerativeAnswerComposer(
    ExtractiveAnswerComposer extractive,
    IChatClient chat,
    IOptions<AnswerLlmOptions> options,
    TimeProvider time,
    ILogger<GenerativeAnswerComposer> logger) : IAnswerComposer
{
    public async Task<KnowledgeAnswer> Answer(string question, SearchFilters? filters, CancellationToken cancellationToken, Guid? caller = null)
    {
        var retrieval = await extractive.Retrieve(question, filters, cancellationToken, caller);
        if (retrieval.Passages.Count == 0)
        {
            // Nothing to answer from: the model is not asked.
            return await extractive.Compose(retrieval, cancellationToken);
        }

        var settings = options.Value;
        var started = time.GetTimestamp();
        string reply;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(settings.Timeout);
            try
            {
                var response = await chat.GetResponseAsync(
                    GenerativeAnswerPrompt.Messages(question, retrieval.Passages),
                    new ChatOptions { Temperature = settings.Temperature, MaxOutputTokens = settings.MaxOutputTokens },
                    deadline.Token);
                UsageMeter.RecordChat(response, settings.Model, caller?.ToString());
                reply = response.Text;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await Fallback(retrieval, AnswerFallbacks.Timeout, nameof(TimeoutException), started, [], cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or ClientResultException)
            {
                return await Fallback(retrieval, AnswerFallbacks.ModelUnavailable, ex.GetType().Name, started, [], cancellationToken);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                // A 200 whose body is not a chat completion: not JSON (JsonException), no choices (ArgumentOutOfRange),
                // fields of the wrong kind (InvalidOperation, Format, KeyNotFound).
                return await Fallback(retrieval, AnswerFallbacks.MalformedReply, ex.GetType().Name, started, [], cancellationToken);
            }
        }

        if (string.IsNullOrWhiteSpace(reply))
        {
            return await Fallback(retrieval, AnswerFallbacks.MalformedReply, "EmptyReply", started, [], cancellationToken);
        }

        if (CitationChecker.IsNotFound(reply))
        {
            var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogNotFound(logger, retrieval.Passages.Count, elapsedMs);
            return new KnowledgeAnswer(false, ExtractiveAnswerComposer.NotFound, [], []) { Mode = AnswerModes.Generative };
        }

        var check = CitationChecker.Check(reply, retrieval.Passages.Count);
        if (check.Kept.Count == 0)
        {
            return await Fallback(retrieval, AnswerFallbacks.NoCitedSentence, null, started, check.Flags, cancellationToken);
        }

        var answer = Cited(check, retrieval.Passages);
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var dropped = check.Flags.Count(f => f.Kind == AnswerFlagKinds.UncitedSentenceDropped);
        var invalid = check.Flags.Sum(f => f.InvalidCitations.Count);
        LogAnswered(logger, retrieval.Passages.Count, check.Sentences, check.Kept.Count, dropped, invalid, answer.Citations.Count, elapsed);
        return answer;
    }

    /// <summary>The checked sentences with their citations renumbered 1..k in order of first use, so the list of
    /// citations holds exactly the passages the text cites.</summary>
    private KnowledgeAnswer Cited(CitationCheck check, IReadOnlyList<RankedPassage> passages)
    {
        var accessed = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var numberOf = new Dictionary<int, int>();
        var citations = new List<KnowledgeCitation>();
        var sentences = new List<AnswerSentence>();
        foreach (var sentence in check.Kept)
        {
            var numbers = new List<int>();
            foreach (var supplied in sentence.Passages)
            {
                if (!numberOf.TryGetValue(supplied, out var number))
                {
                    number = citations.Count + 1;
                    numberOf[supplied] = number;
                    citations.Add(AmaReference.Citation(number, passages[supplied - 1], accessed));
                }

                numbers.Add(number);
            }

            sentences.Add(new AnswerSentence(sentence.Text, numbers[0]) { Citations = numbers });
        }

        var text = string.Join(' ', sentences.Select(s => $"{s.Text} {string.Concat(s.Citations.Select(n => $"[{n}]"))}"));
        return new KnowledgeAnswer(true, text, sentences, citations) { Mode = AnswerModes.Generative, Flags = check.Flags };
    }

    private async Task<KnowledgeAnswer> Fallback(HybridResult retrieval, string reason, string? errorType, long started, IReadOnlyList<AnswerFlag> flags, CancellationToken cancellationToken)
    {
        var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogFallback(logger, reason, errorType ?? "none", retrieval.Passages.Count, elapsedMs);
        var answer = await extractive.Compose(retrieval, cancellationToken);
        return answer with { Mode = AnswerModes.Extractive, Fallback = reason, Flags = flags };
    }

    // Counts and timings only: the question, the passages and the reply may carry patient details.
    [LoggerMessage(Level = LogLevel.Information, Message = "Generative answer from {Passages} passages: {Sentences} sentences in the reply, {Kept} kept, {Dropped} dropped uncited, {InvalidCitations} invalid citations removed, {Cited} passages cited, {ElapsedMs} ms.")]
    private static partial void LogAnswered(ILogger logger, int passages, int sentences, int kept, int dropped, int invalidCitations, int cited, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "The model found no answer in {Passages} passages ({ElapsedMs} ms).")]
    private static partial void LogNotFound(ILogger logger, int passages, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generative answer fell back to the extractive one: {Reason} ({ErrorType}), {Passages} passages, {ElapsedMs} ms.")]
    private static partial void LogFallback(ILogger logger, string reason, string errorType, int passages, long elapsedMs);
}
