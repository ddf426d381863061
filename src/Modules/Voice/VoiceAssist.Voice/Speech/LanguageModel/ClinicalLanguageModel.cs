using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;

namespace VoiceAssist.Voice.Speech.LanguageModel;

/// <summary>The files the clinical model is decoded from.</summary>
/// <param name="LanguageModel">ARPA trigram model of the clinical corpus.</param>
/// <param name="Dictionary">Pronunciations of the clinical vocabulary only.</param>
/// <param name="MergedDictionary">The CMU dictionary plus the clinical words it lacks, for interpolated decoding.</param>
/// <param name="DerivedPronunciations">Words the CMU dictionary lacks, with the phones derived for them.</param>
internal sealed record ClinicalModelFiles(string LanguageModel, string Dictionary, string MergedDictionary, IReadOnlyDictionary<string, string> DerivedPronunciations);

/// <summary>Builds the clinical language model and dictionary from the corpus shipped in this assembly: calculator names
/// as clinicians say them ("chads vasc", "curb sixty five"), drug names, conditions and question phrasings. Built once
/// per corpus version and cached on disk.</summary>
internal sealed partial class ClinicalLanguageModel(EspeakEngine espeak, IOptions<SpeechToTextOptions> options, ILogger<ClinicalLanguageModel> logger)
{
    private const string CorpusResource = "VoiceAssist.Voice.Speech.LanguageModel.clinical-corpus.txt";
    private const string EspeakVoice = "en-us";
    private readonly Lock gate = new();
    private ClinicalModelFiles? built;

    public string CmuDictionary => Path.Combine(options.Value.Pocketsphinx.ModelDirectory, "cmudict-en-us.dict");

    public string GenericLanguageModel => Path.Combine(options.Value.Pocketsphinx.ModelDirectory, "en-us.lm.bin");

    public string AcousticModel => Path.Combine(options.Value.Pocketsphinx.ModelDirectory, "en-us");

    public static IReadOnlyList<string> CorpusSentences()
    {
        using var stream = typeof(ClinicalLanguageModel).Assembly.GetManifestResourceStream(CorpusResource)
            ?? throw new InvalidOperationException($"The clinical corpus {CorpusResource} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public ClinicalModelFiles Build()
    {
        lock (gate)
        {
            return built ??= BuildFiles();
        }
    }

    private ClinicalModelFiles BuildFiles()
    {
        var sentences = CorpusSentences().Select(TranscriptText.Words).Where(words => words.Count > 0).ToList();
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sentences.Select(s => string.Join(' ', s))) + ModelFormatVersion)))[..16];
        var directory = options.Value.Pocketsphinx.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "voiceassist-speech");
        directory = Path.Combine(directory, version);
        Directory.CreateDirectory(directory);
        var files = new ClinicalModelFiles(
            Path.Combine(directory, "clinical.arpa"),
            Path.Combine(directory, "clinical.dict"),
            Path.Combine(directory, "clinical-merged.dict"),
            new Dictionary<string, string>(StringComparer.Ordinal));

        var estimator = new WittenBellEstimator(order: 3);
        foreach (var sentence in sentences)
        {
            estimator.AddSentence(sentence);
        }

        var cmu = ReadCmuDictionary(CmuDictionary);
        var dictionary = new StringBuilder();
        var derived = new StringBuilder();
        var derivedWords = (Dictionary<string, string>)files.DerivedPronunciations;
        foreach (var word in estimator.Vocabulary.Where(w => w != WittenBellEstimator.SentenceEnd).Order(StringComparer.Ordinal))
        {
            if (cmu.TryGetValue(word, out var entries))
            {
                foreach (var entry in entries)
                {
                    dictionary.Append(entry).Append('\n');
                }

                continue;
            }

            var phones = ArpabetPronunciation.FromIpa(espeak.Phonemes(word, EspeakVoice));
            if (phones.Length == 0)
            {
                LogNoPronunciation(logger, word.Length);
                continue;
            }

            derivedWords[word] = phones;
            dictionary.Append(word).Append(' ').Append(phones).Append('\n');
            derived.Append(word).Append(' ').Append(phones).Append('\n');
        }

        WriteAtomically(files.LanguageModel, estimator.ToArpa());
        WriteAtomically(files.Dictionary, dictionary.ToString());
        WriteAtomically(files.MergedDictionary, File.ReadAllText(CmuDictionary).TrimEnd('\n') + "\n" + derived);
        LogBuilt(logger, sentences.Count, estimator.Vocabulary.Count - 1, derivedWords.Count);
        return files;
    }

    /// <summary>Changes whenever the way the files are written changes, so stale caches are not reused.</summary>
    private const string ModelFormatVersion = "wb3-v1";

    private static Dictionary<string, List<string>> ReadCmuDictionary(string path)
    {
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var head = line[..space];
            var paren = head.IndexOf('(', StringComparison.Ordinal);
            var word = paren > 0 ? head[..paren] : head;
            if (!entries.TryGetValue(word, out var list))
            {
                entries[word] = list = [];
            }

            list.Add(line);
        }

        return entries;
    }

    private static void WriteAtomically(string path, string content)
    {
        // Several decoders may start together; each sees either no file or a whole one.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the clinical language model from {Sentences} sentences: {Words} words, {Derived} pronunciations derived from espeak-ng")]
    private static partial void LogBuilt(ILogger logger, int sentences, int words, int derived);

    // The word itself may be clinical vocabulary but is never patient data; its length is enough to find it.
    [LoggerMessage(Level = LogLevel.Warning, Message = "No pronunciation could be derived for a corpus word of {Length} letters; it is left out of the dictionary")]
    private static partial void LogNoPronunciation(ILogger logger, int length);
}
