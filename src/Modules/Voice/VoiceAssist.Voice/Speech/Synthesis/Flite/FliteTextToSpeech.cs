using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoiceAssist.Voice.Speech.Synthesis.Flite;

/// <summary>Offline speech from the flite command line (Debian flite): a more natural voice than espeak-ng. flite writes a
/// WAVE stream to standard output, which is relayed in chunks as it arrives.</summary>
internal sealed class FliteTextToSpeech(IOptions<TextToSpeechOptions> options) : ITextToSpeech
{
    public const string ProviderName = "flite";
    private const int ChunkBytes = 3_200;

    public string Name => ProviderName;

    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = new ProcessStartInfo("flite")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // ArgumentList passes the text as one argument, so nothing in it is interpreted by a shell or as an option.
        foreach (var argument in new[] { "-voice", options.Value.FliteVoice, "-t", text, "-o", "/dev/stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("flite could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.BaseStream;
        try
        {
            var sampleRate = await ReadHeader(output, cancellationToken);
            var buffer = new byte[ChunkBytes];
            var filled = 0;
            int read;
            while ((read = await output.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (filled == buffer.Length)
                {
                    yield return new SpeechChunk(buffer.ToArray(), sampleRate);
                    filled = 0;
                }
            }

            if (filled > 1)
            {
                yield return new SpeechChunk(buffer.AsMemory(0, filled & ~1).ToArray(), sampleRate);
            }

            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"flite exited with {process.ExitCode}: {await errors}");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>Reads RIFF chunks up to the start of the samples; returns the sample rate.</summary>
    private static async Task<int> ReadHeader(Stream output, CancellationToken cancellationToken)
    {
        var riff = new byte[12];
        await output.ReadExactlyAsync(riff, cancellationToken);
        if (Encoding.ASCII.GetString(riff, 0, 4) != "RIFF")
        {
            throw new InvalidDataException("flite did not write a WAVE stream.");
        }

        var sampleRate = 0;
        var chunkHeader = new byte[8];
        while (true)
        {
            await output.ReadExactlyAsync(chunkHeader, cancellationToken);
            var id = Encoding.ASCII.GetString(chunkHeader, 0, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(chunkHeader.AsSpan(4));
            if (id == "data")
            {
                return sampleRate > 0 ? sampleRate : throw new InvalidDataException("flite wrote no format chunk.");
            }

            var body = new byte[size + (size & 1)];
            await output.ReadExactlyAsync(body, cancellationToken);
            if (id == "fmt ")
            {
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4));
            }
        }
    }
}
