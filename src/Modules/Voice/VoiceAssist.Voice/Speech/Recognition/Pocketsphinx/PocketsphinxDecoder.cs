using System.Runtime.InteropServices;
using static VoiceAssist.Voice.Speech.Recognition.Pocketsphinx.PocketsphinxNative;

namespace VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;

/// <summary>The files one decoder is built from: acoustic model directory, dictionary, language model, and optionally a
/// second language model interpolated with the first, with its weight.</summary>
internal sealed record DecoderModel(string AcousticModel, string Dictionary, string LanguageModel, (string Path, double Weight)? InterpolateWith = null);

/// <summary>One pocketsphinx decoder. Not thread-safe; a session owns it for the length of an utterance.</summary>
internal sealed class PocketsphinxDecoder : IDisposable
{
    private const string DefaultSearch = "_default";
    private const string InterpolatedSearch = "interpolated";
    private readonly DecoderHandle decoder;
    private bool inUtterance;

    private PocketsphinxDecoder(DecoderHandle decoder) => this.decoder = decoder;

    public static PocketsphinxDecoder Create(DecoderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string[] arguments =
        [
            "-hmm", model.AcousticModel,
            "-dict", model.Dictionary,
            "-lm", model.LanguageModel,
            "-samprate", "16000",
            // The model's default, batch normalisation, is computed over whatever each call hands in: with 20 ms
            // frames that is a different mean for every frame. Live normalisation keeps a running mean instead.
            "-cmn", "live",
            // The decoder's own progress log is noise in the service log and may echo recognised words.
            "-logfn", "/dev/null",
        ];
        using var config = Parse(arguments);
        var handle = Init(config);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException($"pocketsphinx could not load its models ({model.AcousticModel}, {model.Dictionary}, {model.LanguageModel}).");
        }

        var decoder = new PocketsphinxDecoder(handle);
        if (model.InterpolateWith is { } mix)
        {
            try
            {
                decoder.Interpolate(mix.Path, mix.Weight);
            }
            catch
            {
                decoder.Dispose();
                throw;
            }
        }

        return decoder;
    }

    /// <summary>Feeds samples; returns the best hypothesis so far. <paramref name="wholeUtterance"/> says these are all
    /// the samples there will be, so the decoder may look at them together.</summary>
    public unsafe string Process(ReadOnlySpan<short> samples, bool wholeUtterance = false)
    {
        if (!inUtterance)
        {
            Check(StartUtterance(decoder), "ps_start_utt");
            inUtterance = true;
        }

        fixed (short* pointer = samples)
        {
            Check(ProcessRaw(decoder, pointer, (nuint)samples.Length, noSearch: 0, fullUtterance: wholeUtterance ? 1 : 0), "ps_process_raw");
        }

        return Hypothesis();
    }

    /// <summary>Ends the utterance and returns its final transcript; the decoder is then ready for the next one.</summary>
    public string Finish()
    {
        if (!inUtterance)
        {
            return "";
        }

        Check(EndUtterance(decoder), "ps_end_utt");
        inUtterance = false;
        return Hypothesis();
    }

    public void Dispose() => decoder.Dispose();

    private string Hypothesis()
    {
        var text = GetHypothesis(decoder, out _);
        return text == 0 ? "" : Marshal.PtrToStringUTF8(text) ?? "";
    }

    private unsafe void Interpolate(string path, double weight)
    {
        var config = GetConfig(decoder);
        var clinical = ReadLanguageModel(config, path, fileType: 0, GetLogMath(decoder));
        if (clinical == 0)
        {
            throw new InvalidOperationException($"pocketsphinx could not read the language model {path}.");
        }

        // The set takes ownership of its members, and the decoder already owns the generic model.
        var generic = RetainLanguageModel(GetLanguageModel(decoder, DefaultSearch));
        var names = new[] { Marshal.StringToCoTaskMemUTF8("clinical"), Marshal.StringToCoTaskMemUTF8("generic") };
        try
        {
            var models = stackalloc nint[] { clinical, generic };
            var weights = stackalloc float[] { (float)weight, (float)(1 - weight) };
            fixed (nint* namePointers = names)
            {
                var set = InterpolateLanguageModels(config, models, namePointers, weights, 2);
                if (set == 0)
                {
                    throw new InvalidOperationException("pocketsphinx could not interpolate the language models.");
                }

                var added = SetLanguageModel(decoder, InterpolatedSearch, set);
                // Returns the remaining reference count: the decoder still holds the set.
                _ = FreeLanguageModel(set);
                Check(added, "ps_set_lm");
            }
        }
        finally
        {
            foreach (var name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }
        }

        Check(SetSearch(decoder, InterpolatedSearch), "ps_set_search");
    }

    private static unsafe ConfigHandle Parse(string[] arguments)
    {
        var argv = new nint[arguments.Length];
        try
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            fixed (nint* pointer = argv)
            {
                var config = ParseConfig(0, Arguments(), arguments.Length, pointer, strict: 1);
                if (config.IsInvalid)
                {
                    config.Dispose();
                    throw new InvalidOperationException("pocketsphinx rejected its configuration.");
                }

                return config;
            }
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"{call} failed with {result}.");
        }
    }
}
