using System.Buffers.Binary;
using System.Text;

namespace VoiceAssist.Voice.Speech.Audio;

/// <summary>The PCM16 payload of a RIFF/WAVE stream, enough for the engines' own output and recorded test speech.</summary>
internal sealed record WaveAudio(int SampleRate, int Channels, byte[] Pcm)
{
    public static WaveAudio Read(byte[] wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        if (wave.Length < 12 || Encoding.ASCII.GetString(wave, 0, 4) != "RIFF" || Encoding.ASCII.GetString(wave, 8, 4) != "WAVE")
        {
            throw new InvalidDataException("Not a RIFF/WAVE stream.");
        }

        int sampleRate = 0, channels = 0, bits = 0;
        var offset = 12;
        while (offset + 8 <= wave.Length)
        {
            var id = Encoding.ASCII.GetString(wave, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(wave.AsSpan(offset + 4));
            var body = offset + 8;
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(wave.AsSpan(body + 2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(wave.AsSpan(body + 4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(wave.AsSpan(body + 14));
            }
            else if (id == "data")
            {
                if (bits != 16)
                {
                    throw new InvalidDataException($"Only 16-bit PCM is supported, not {bits}-bit.");
                }

                // Streaming writers leave the size unknown; take what is there.
                var length = size <= 0 || body + size > wave.Length ? wave.Length - body : size;
                return new WaveAudio(sampleRate, channels, wave.AsSpan(body, length & ~1).ToArray());
            }

            offset = body + size + (size & 1);
        }

        throw new InvalidDataException("The WAVE stream has no data chunk.");
    }

    public static byte[] Write(ReadOnlySpan<byte> pcm, int sampleRate)
    {
        var wave = new byte[44 + pcm.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wave, 0);
        BinaryPrimitives.WriteInt32LittleEndian(wave.AsSpan(4), 36 + pcm.Length);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wave, 8);
        BinaryPrimitives.WriteInt32LittleEndian(wave.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wave.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wave.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wave.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wave.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wave.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wave.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(wave, 36);
        BinaryPrimitives.WriteInt32LittleEndian(wave.AsSpan(40), pcm.Length);
        pcm.CopyTo(wave.AsSpan(44));
        return wave;
    }
}
