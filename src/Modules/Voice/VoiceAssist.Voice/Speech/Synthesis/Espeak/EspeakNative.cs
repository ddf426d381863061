using System.Runtime.InteropServices;

namespace VoiceAssist.Voice.Speech.Synthesis.Espeak;

/// <summary>The entry points of libespeak-ng 1.51 that synthesis and phonemisation use. espeak-ng keeps one global
/// engine per process, so there is no handle to own: <see cref="EspeakEngine"/> serialises every call.</summary>
internal static unsafe partial class EspeakNative
{
    private const string Library = "libespeak-ng.so.1";

    /// <summary>AUDIO_OUTPUT_SYNCHRONOUS: espeak_Synth returns after handing every buffer to the callback.</summary>
    internal const int OutputSynchronous = 2;
    internal const int PositionCharacter = 1;
    internal const uint CharsUtf8 = 1;
    internal const int ParameterRate = 1;

    /// <summary>Phoneme mode bit 1: IPA as UTF-8. Bits 8-23: the character written between phonemes.</summary>
    internal const int PhonemesIpaSeparatedByUnderscore = 0x02 | ('_' << 8);

    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Initialize(int output, int bufferMilliseconds, string? dataPath, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    internal static partial void SetSynthCallback(delegate* unmanaged<short*, int, nint, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    internal static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    internal static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, nint userData);

    /// <summary>Translates one clause and advances <paramref name="text"/> past it (to null at the end). The returned
    /// string is espeak-ng's own buffer, valid until the next call.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    internal static partial nint TextToPhonemes(ref nint text, int textMode, int phonemeMode);
}
