using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace VoiceAssist.Identity.Security;

/// <summary>Random bearer secrets (refresh tokens, invitation tokens, recovery codes) and the hashes they are stored as.
/// Each carries at least 120 random bits, so a plain SHA-256 is enough (ASVS 5.0 6.5.2 asks for a salted slow hash only
/// below 112 bits): there is nothing to guess offline.</summary>
internal static class Secrets
{
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A recovery code such as <c>K7QW-M2XD-94TB-LP3Z-Q2WE-R5TY</c>: 24 base32 characters, 120 random bits.</summary>
    public static string NewRecoveryCode()
    {
        var text = Base32.Encode(RandomNumberGenerator.GetBytes(15));
        return string.Join('-', text.Chunk(4).Select(chunk => new string(chunk)));
    }

    /// <summary>Recovery codes are compared without dashes, spaces or case, as users type them.</summary>
    public static string NormalizeRecoveryCode(string code) =>
        new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

/// <summary>RFC 4648 base32 without padding, as authenticator apps expect secrets.</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var output = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }

    public static byte[] Decode(string text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("Not base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
