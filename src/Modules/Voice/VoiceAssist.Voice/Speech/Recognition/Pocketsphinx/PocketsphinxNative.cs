using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VoiceAssist.Voice.Speech.Recognition.Pocketsphinx;

/// <summary>The few entry points of pocketsphinx 5prealpha (Debian libpocketsphinx3) and sphinxbase the recogniser uses.
/// cmd_ln_init is variadic, so the configuration goes through cmd_ln_parse_r with an argv array instead.</summary>
internal static partial class PocketsphinxNative
{
    private const string Pocketsphinx = "libpocketsphinx.so.3";
    private const string Sphinxbase = "libsphinxbase.so.3";

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_args")]
    internal static partial nint Arguments();

    [LibraryImport(Sphinxbase, EntryPoint = "cmd_ln_parse_r")]
    internal static unsafe partial ConfigHandle ParseConfig(nint existing, nint definitions, int argc, nint* argv, int strict);

    [LibraryImport(Sphinxbase, EntryPoint = "cmd_ln_free_r")]
    internal static partial int FreeConfig(nint config);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_init")]
    internal static partial DecoderHandle Init(ConfigHandle config);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_free")]
    internal static partial int Free(nint decoder);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_get_config")]
    internal static partial nint GetConfig(DecoderHandle decoder);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_get_logmath")]
    internal static partial nint GetLogMath(DecoderHandle decoder);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_start_utt")]
    internal static partial int StartUtterance(DecoderHandle decoder);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_process_raw")]
    internal static unsafe partial int ProcessRaw(DecoderHandle decoder, short* samples, nuint sampleCount, int noSearch, int fullUtterance);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_end_utt")]
    internal static partial int EndUtterance(DecoderHandle decoder);

    /// <summary>The returned string belongs to the decoder and is valid until the next call on it.</summary>
    [LibraryImport(Pocketsphinx, EntryPoint = "ps_get_hyp")]
    internal static partial nint GetHypothesis(DecoderHandle decoder, out int bestScore);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_set_lm", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetLanguageModel(DecoderHandle decoder, string name, nint languageModel);

    [LibraryImport(Pocketsphinx, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetSearch(DecoderHandle decoder, string name);

    /// <summary>file type 0 is NGRAM_AUTO.</summary>
    [LibraryImport(Sphinxbase, EntryPoint = "ngram_model_read", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ReadLanguageModel(nint config, string path, int fileType, nint logMath);

    /// <summary>The set takes ownership of the models it is given.</summary>
    [LibraryImport(Sphinxbase, EntryPoint = "ngram_model_set_init")]
    internal static unsafe partial nint InterpolateLanguageModels(nint config, nint* models, nint* names, float* weights, int count);

    /// <summary>Not retained: the decoder keeps owning it.</summary>
    [LibraryImport(Pocketsphinx, EntryPoint = "ps_get_lm", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GetLanguageModel(DecoderHandle decoder, string name);

    [LibraryImport(Sphinxbase, EntryPoint = "ngram_model_retain")]
    internal static partial nint RetainLanguageModel(nint languageModel);

    [LibraryImport(Sphinxbase, EntryPoint = "ngram_model_free")]
    internal static partial int FreeLanguageModel(nint languageModel);

    /// <summary>A parsed decoder configuration (cmd_ln_t, reference-counted by sphinxbase).</summary>
    internal sealed class ConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public ConfigHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle()
        {
            // The result is the remaining reference count, not an error code.
            _ = FreeConfig(handle);
            return true;
        }
    }

    /// <summary>One decoder (ps_decoder_t). Not thread-safe: one session uses it at a time.</summary>
    internal sealed class DecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public DecoderHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle()
        {
            // The result is the remaining reference count, not an error code.
            _ = Free(handle);
            return true;
        }
    }
}
