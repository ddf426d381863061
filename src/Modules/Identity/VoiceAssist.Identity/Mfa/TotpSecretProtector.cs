using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Mfa;

/// <summary>Encrypts TOTP secrets at rest with AES-256-GCM under <c>Identity:Mfa:SecretEncryptionKey</c>, so a dump of
/// <c>identity.users</c> does not give away anyone's second factor. The user id is the associated data: a ciphertext
/// copied onto another account does not decrypt. Stored form: <c>v1.</c> + base64(nonce ‖ ciphertext ‖ tag). A value
/// without the prefix is a secret stored before encryption existed; it is read as is and encrypted on its next use.
/// The key comes from configuration; Development generates one into a local file, Testing uses a fresh one per
/// process, and any other environment refuses to start without it. There is never a built-in key.</summary>
internal sealed class TotpSecretProtector
{
    private const string Prefix = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key;

    public TotpSecretProtector(IOptions<MfaSettings> settings, IHostEnvironment environment)
    {
        var configured = settings.Value.SecretEncryptionKey;
        key = !string.IsNullOrWhiteSpace(configured) ? Convert.FromBase64String(configured)
            : environment.IsDevelopment() ? DevelopmentKey(Path.Combine(environment.ContentRootPath, settings.Value.DevelopmentKeyPath))
            : environment.IsEnvironment("Testing") ? RandomNumberGenerator.GetBytes(32)
            : throw new InvalidOperationException(
                "Identity:Mfa:SecretEncryptionKey is not set. Provide 32 random bytes, base64-encoded (openssl rand -base64 32), as a secret.");
        if (key.Length != 32)
        {
            throw new InvalidOperationException("Identity:Mfa:SecretEncryptionKey must be 32 bytes (base64-encoded).");
        }
    }

    public static bool IsEncrypted(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(Guid userId, string secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), userId.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret, or null when the stored value cannot be decrypted with this key for this user.</summary>
    public string? Unprotect(Guid userId, string stored)
    {
        if (!IsEncrypted(stored))
        {
            return stored;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plaintext, userId.ToByteArray());
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] DevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var generated = RandomNumberGenerator.GetBytes(32);
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, create);
            using var writer = new StreamWriter(file);
            writer.Write(Convert.ToBase64String(generated));
            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs, so both read the same secrets.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
