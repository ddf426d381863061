using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Mfa;

/// <summary>RFC 6238 time-based one-time passwords: HMAC-SHA1, 6 digits, 30-second steps, one step of drift either way.</summary>
internal static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>A new 160-bit secret, base32 encoded (RFC 4226 recommends 160 bits).</summary>
    public static string NewSecret() => Base32.Encode(RandomNumberGenerator.GetBytes(20));

    public static long TimeStepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(string base32Secret, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; HMAC keeps it sound
        var hash = HMACSHA1.HashData(Base32.Decode(base32Secret), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The time step the code matches, if it matches one within the drift window that is later than
    /// <paramref name="lastUsedStep"/>; a code is never accepted twice.</summary>
    public static long? Verify(string base32Secret, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        var candidate = code?.Replace(" ", "", StringComparison.Ordinal);
        if (candidate is not { Length: Digits } || !candidate.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = TimeStepAt(now);
        long? matched = null;
        for (var step = current - 1; step <= current + 1; step++)
        {
            // Compare every window in fixed time, so timing tells nothing about which step (if any) matched.
            if (Secrets.FixedTimeEquals(Code(base32Secret, step), candidate) && (lastUsedStep is null || step > lastUsedStep))
            {
                matched = step;
            }
        }

        return matched;
    }
}
