using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceAssist.Voice.Speech;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.LanguageModel;
using VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;
using VoiceAssist.Voice.Speech.Synthesis;
using VoiceAssist.Voice.Speech.Synthesis.Espeak;
using VoiceAssist.Voice.Speech.Synthesis.Flite;

// Word error rate of the offline recogniser with and without the clinical language model, on recorded human speech
// (Debian pocketsphinx-testdata) and on held-out clinical questions spoken by the offline voices; decode real-time
// factor; time to first audio of the offline voices.
// Run in Release: dotnet run -c Release --project bench/VoiceAssist.Benchmarks.Speech [-- --sentences N] [--verbose]
// With --latency: end of speech → first audio byte through the voice socket of the real host, and concurrent sessions
// (--turns N per session, --sessions 1,2,4,...).
if (args.Contains("--latency"))
{
    await VoiceAssist.Benchmarks.Speech.VoiceLatency.Run(
        Option("--question") ?? "what is the chads vasc score for a seventy year old woman",
        int.Parse(Option("--turns") ?? "4", CultureInfo.InvariantCulture),
        [.. (Option("--sessions") ?? "1,2,4,6,8,10,12,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]);
    return 0;
}

var testData = Option("--data") ?? "/usr/share/pocketsphinx/test/data";
var sentenceLimit = int.Parse(Option("--sentences") ?? "1000", CultureInfo.InvariantCulture);
var verbose = args.Contains("--verbose");
var sentences = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "clinical-test-sentences.txt"))
    .Where(line => line.Length > 0).Take(sentenceLimit).ToList();

var espeak = new EspeakEngine();
var speechOptions = Options.Create(new SpeechToTextOptions());
var clinical = new ClinicalLanguageModel(espeak, speechOptions, NullLogger<ClinicalLanguageModel>.Instance);
var build = Stopwatch.StartNew();
var files = clinical.Build();
Console.WriteLine($"{Environment.ProcessorCount} logical processors, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"clinical model: {ClinicalLanguageModel.CorpusSentences().Count} corpus sentences, {files.DerivedPronunciations.Count} pronunciations from espeak-ng, built in {build.Elapsed.TotalSeconds:0.00} s");
Console.WriteLine();

// Speech: the recorded set, then each clinical sentence spoken by each offline voice.
var sets = new List<(string Name, List<(string Reference, byte[] Pcm)> Utterances)> { ("recorded read speech (librivox + goforward)", Recorded(testData)) };
var latency = new List<(string Voice, List<double> FirstAudioMs, double AudioSeconds, double SynthesisSeconds)>();
var textToSpeech = new (string Name, ITextToSpeech Engine)[]
{
    ("flite slt", new FliteTextToSpeech(Options.Create(new TextToSpeechOptions { FliteVoice = "slt" }))),
    ("flite kal16", new FliteTextToSpeech(Options.Create(new TextToSpeechOptions { FliteVoice = "kal16" }))),
    ("espeak-ng en-us", new EspeakTextToSpeech(espeak, Options.Create(new TextToSpeechOptions()))),
};
foreach (var (name, engine) in textToSpeech)
{
    var utterances = new List<(string, byte[])>();
    var firstAudio = new List<double>();
    double audioSeconds = 0, synthesisSeconds = 0;
    foreach (var sentence in sentences)
    {
        var (pcm, rate, first, total) = await Synthesize(engine, sentence);
        firstAudio.Add(first.TotalMilliseconds);
        synthesisSeconds += total.TotalSeconds;
        audioSeconds += Pcm16.Duration(pcm.Length, rate).TotalSeconds;
        utterances.Add((sentence, await Resample(pcm, rate)));
    }

    sets.Add(($"clinical questions, {name}", utterances));
    latency.Add((name, firstAudio, audioSeconds, synthesisSeconds));
}

Console.WriteLine($"{"speech",-44} {"language model",-14} {"utts",5} {"words",6} {"WER",7} {"RTF",6} {"init s",7}");
foreach (var (name, utterances) in sets)
{
    foreach (var mode in new[] { LanguageModelMode.Generic, LanguageModelMode.Clinical, LanguageModelMode.Interpolated })
    {
        using var pool = new PocketsphinxDecoderPool(clinical, Options.Create(new SpeechToTextOptions { Pocketsphinx = { LanguageModel = mode, IdleDecoders = 1 } }));
        var init = Stopwatch.StartNew();
        pool.Return(pool.Rent());
        var initSeconds = init.Elapsed.TotalSeconds;
        var recognizer = new PocketsphinxSpeechToText(pool);
        int errors = 0, words = 0;
        double audio = 0, decoding = 0;
        foreach (var (reference, pcm) in utterances)
        {
            var clock = Stopwatch.StartNew();
            var hypothesis = await recognizer.TranscribeAsync(pcm);
            decoding += clock.Elapsed.TotalSeconds;
            audio += Pcm16.Duration(pcm.Length, Pcm16.RecognitionSampleRate).TotalSeconds;
            var expected = TranscriptText.Words(reference);
            errors += TranscriptText.EditDistance(expected, TranscriptText.Words(hypothesis));
            words += expected.Count;
            if (verbose)
            {
                Console.WriteLine($"    {mode,-12} ref: {reference}\n    {"",-12} hyp: {hypothesis}");
            }
        }

        Console.WriteLine($"{name,-44} {mode.ToString().ToLowerInvariant(),-14} {utterances.Count,5} {words,6} {100.0 * errors / words,6:0.0}% {decoding / audio,6:0.00} {initSeconds,7:0.00}");
    }
}

Console.WriteLine();
Console.WriteLine($"{"voice",-18} {"first audio median ms",22} {"p90 ms",8} {"synthesis RTF",14}");
foreach (var (voice, firstAudio, audioSeconds, synthesisSeconds) in latency)
{
    firstAudio.Sort();
    Console.WriteLine($"{voice,-18} {firstAudio[firstAudio.Count / 2],22:0.0} {firstAudio[(int)(firstAudio.Count * 0.9)],8:0.0} {synthesisSeconds / audioSeconds,14:0.000}");
}

return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static List<(string, byte[])> Recorded(string directory)
{
    var utterances = new List<(string, byte[])>();
    foreach (var line in File.ReadAllLines(Path.Combine(directory, "librivox", "transcription")))
    {
        // "<s> words </s> (file-id)"
        var id = line[(line.LastIndexOf('(') + 1)..line.LastIndexOf(')')];
        var text = line[..line.LastIndexOf('(')].Replace("<s>", "", StringComparison.Ordinal).Replace("</s>", "", StringComparison.Ordinal).Trim();
        utterances.Add((text, WaveAudio.Read(File.ReadAllBytes(Path.Combine(directory, "librivox", id + ".wav"))).Pcm));
    }

    // pocketsphinx's own decoder test expects these words for this recording.
    utterances.Add(("go forward ten meters", File.ReadAllBytes(Path.Combine(directory, "goforward.raw"))));
    return utterances;
}

static async Task<(byte[] Pcm, int SampleRate, TimeSpan FirstAudio, TimeSpan Total)> Synthesize(ITextToSpeech engine, string text)
{
    using var pcm = new MemoryStream();
    var clock = Stopwatch.StartNew();
    TimeSpan? first = null;
    var rate = 0;
    await foreach (var chunk in engine.SynthesizeAsync(text))
    {
        first ??= clock.Elapsed;
        rate = chunk.SampleRate;
        pcm.Write(chunk.Pcm16.Span);
    }

    return (pcm.ToArray(), rate, first ?? clock.Elapsed, clock.Elapsed);
}

static async Task<byte[]> Resample(byte[] pcm, int sampleRate)
{
    var start = new ProcessStartInfo("sox") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in new[] { "-q", "-t", "raw", "-r", sampleRate.ToString(CultureInfo.InvariantCulture), "-e", "signed-integer", "-b", "16", "-c", "1", "-",
        "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", "-" })
    {
        start.ArgumentList.Add(argument);
    }

    using var sox = Process.Start(start)!;
    var output = new MemoryStream();
    var reading = sox.StandardOutput.BaseStream.CopyToAsync(output);
    await sox.StandardInput.BaseStream.WriteAsync(pcm);
    sox.StandardInput.Close();
    await reading;
    await sox.WaitForExitAsync();
    return output.ToArray();
}
