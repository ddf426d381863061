using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace VoiceAssist.Testing;

/// <summary>RFC 6238 computed independently of the module (as an authenticator app would), checked against the RFC's
/// own test vector.</summary>
public static class TestTotp
{
    public static string Code(string base32Secret, DateTimeOffset at) => Code(Base32Decode(base32Secret), at.ToUnixTimeSeconds() / 30, 6);

    public static string Code(byte[] key, long counter, int digits)
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
#pragma warning disable CA5350 // RFC 6238's algorithm, as authenticator apps use it
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0xF;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % (int)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
