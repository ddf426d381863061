using System.Diagnostics;
using System.Globalization;

namespace VoiceAssist.Voice.BrowserTests;

/// <summary>Microphone input for the fake capture device: questions spoken by flite's slt voice (16 kHz) with silence
/// placed around them by sox, written to a WAV file per test.</summary>
internal static class SpokenQuestions
{
    /// <summary>Writes a WAV of the given parts: a string is spoken, a number is that many seconds of silence.</summary>
    public static string Compose(params object[] parts)
    {
        var directory = Path.Combine(Path.GetTempPath(), "voiceassist-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var pieces = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var piece = Path.Combine(directory, $"{i}.wav");
            if (parts[i] is string text)
            {
                Run("flite", "-voice", "slt", "-t", text, "-o", piece);
            }
            else
            {
                var seconds = Convert.ToDouble(parts[i], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                Run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", piece, "trim", "0", seconds);
            }

            pieces.Add(piece);
        }

        var wave = Path.Combine(directory, "microphone.wav");
        Run("sox", [.. pieces, "-r", "16000", "-c", "1", "-b", "16", wave]);
        return wave;
    }

    private static void Run(string program, params string[] arguments) => Output(program, arguments);

    private static string Output(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{program} failed: {errors}");
    }
}
