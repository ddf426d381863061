using System.Diagnostics;
using System.Globalization;
using VoiceAssist.Voice.Speech.Audio;
using VoiceAssist.Voice.Speech.Synthesis;

namespace VoiceAssist.Voice.Tests.Speech;

/// <summary>Real recorded speech from Debian pocketsphinx-testdata, and audio made by sox for the cases it lacks.</summary>
internal static class SpeechAudio
{
    public const string TestData = "/usr/share/pocketsphinx/test/data";

    /// <summary>"go forward ten meters", 16 kHz mono PCM16; speech starts about 0.50 s in and ends about 2.3 s.</summary>
    public static byte[] GoForward() => File.ReadAllBytes(Path.Combine(TestData, "goforward.raw"));

    public static byte[] Librivox(string id) =>
        WaveAudio.Read(File.ReadAllBytes(Path.Combine(TestData, "librivox", $"sense_and_sensibility_01_austen_64kb-{id}.wav"))).Pcm;

    /// <summary>16 kHz PCM16 made by <c>sox -n</c> with the given effects, for example <c>synth 1 whitenoise vol 0.002</c>.</summary>
    public static byte[] Generated(string effects) =>
        Sox(null, ["-n", .. RawOut(16_000), .. effects.Split(' ')]);

    public static byte[] ResampleTo16k(byte[] pcm, int sampleRate) =>
        Sox(pcm, [.. RawIn(sampleRate), "-", .. RawOut(16_000)]);

    public static async Task<(byte[] Pcm, int SampleRate, int Chunks)> Collect(IAsyncEnumerable<SpeechChunk> chunks)
    {
        using var pcm = new MemoryStream();
        int rate = 0, count = 0;
        await foreach (var chunk in chunks)
        {
            rate = chunk.SampleRate;
            count++;
            pcm.Write(chunk.Pcm16.Span);
        }

        return (pcm.ToArray(), rate, count);
    }

    private static string[] RawIn(int rate) => ["-t", "raw", "-r", rate.ToString(CultureInfo.InvariantCulture), "-e", "signed-integer", "-b", "16", "-c", "1"];

    private static string[] RawOut(int rate) => [.. RawIn(rate), "-"];

    private static byte[] Sox(byte[]? input, string[] arguments)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var sox = Process.Start(start)!;
        using var output = new MemoryStream();
        var reading = sox.StandardOutput.BaseStream.CopyToAsync(output);
        if (input is not null)
        {
            sox.StandardInput.BaseStream.Write(input);
            sox.StandardInput.Close();
        }

        reading.Wait();
        sox.WaitForExit();
        if (sox.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox failed: {sox.StandardError.ReadToEnd()}");
        }

        return output.ToArray();
    }
}
