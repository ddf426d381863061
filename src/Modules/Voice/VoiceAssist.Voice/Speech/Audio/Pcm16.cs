using System.Buffers.Binary;

namespace VoiceAssist.Voice.Speech.Audio;

/// <summary>Signed 16-bit little-endian mono PCM, the one sample format the speech engines exchange.</summary>
internal static class Pcm16
{
    public const int RecognitionSampleRate = 16_000;

    public static short[] ToSamples(ReadOnlySpan<byte> pcm)
    {
        var samples = new short[pcm.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..]);
        }

        return samples;
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        }

        return bytes;
    }

    public static TimeSpan Duration(int byteCount, int sampleRate) =>
        TimeSpan.FromSeconds(byteCount / 2.0 / sampleRate);

    /// <summary>Root-mean-square level in dB relative to full scale; digital silence is -120 dB.</summary>
    public static double LevelDbfs(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return -120;
        }

        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        var rms = Math.Sqrt(sum / samples.Length) / 32768.0;
        return rms <= 1e-6 ? -120 : 20 * Math.Log10(rms);
    }
}
