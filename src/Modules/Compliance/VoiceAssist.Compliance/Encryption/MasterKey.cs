using System.Security.Cryptography;
using System.Text;

namespace VoiceAssist.Compliance.Encryption;

/// <summary>The key-encryption key that protects the key ring: the seam where a KMS (AWS KMS, Azure Key Vault, GCP
/// KMS, Vault transit) replaces the key from configuration. Only wrapped data keys ever reach the database.</summary>
internal interface IMasterKey
{
    /// <summary>Identifies the master key without revealing it; stored beside each key it wrapped.</summary>
    string Id { get; }

    byte[] Wrap(byte[] dataKey, int keyId);

    /// <summary>The data key; throws <see cref="MasterKeyMismatchException"/> when this is not the key that wrapped it.</summary>
    byte[] Unwrap(byte[] wrappedKey, int keyId);
}

internal sealed class MasterKeyMismatchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A 256-bit master key from <c>Compliance:Encryption:MasterKey</c> (base64). Data keys are wrapped with
/// AES-256-GCM, the key id bound in as associated data; the id is the first 16 hex digits of SHA-256 over the key.</summary>
internal sealed class ConfiguredMasterKey : IMasterKey
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public ConfiguredMasterKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("Compliance:Encryption:MasterKey must be 32 bytes (256 bits), base64-encoded.", nameof(key));
        }

        this.key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public string Id { get; }

    public static ConfiguredMasterKey FromBase64(string value, string setting = "Compliance:Encryption:MasterKey")
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{setting} is not valid base64 (generate one with: openssl rand -base64 32).", ex);
        }

        if (bytes.Length != 32)
        {
            throw new InvalidOperationException($"{setting} must be 32 bytes (256 bits), base64-encoded; it is {bytes.Length} bytes.");
        }

        return new ConfiguredMasterKey(bytes);
    }

    public byte[] Wrap(byte[] dataKey, int keyId)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        var wrapped = new byte[NonceSize + dataKey.Length + TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(wrapped.AsSpan(0, NonceSize), dataKey, wrapped.AsSpan(NonceSize, dataKey.Length), wrapped.AsSpan(NonceSize + dataKey.Length), Aad(keyId));
        return wrapped;
    }

    public byte[] Unwrap(byte[] wrappedKey, int keyId)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        var length = wrappedKey.Length - NonceSize - TagSize;
        var dataKey = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(wrappedKey.AsSpan(0, NonceSize), wrappedKey.AsSpan(NonceSize, length), wrappedKey.AsSpan(NonceSize + length), dataKey, Aad(keyId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new MasterKeyMismatchException($"Encryption key {keyId} cannot be unwrapped: the master key is not the one that wrapped it, or the key was altered.", ex);
        }

        return dataKey;
    }

    private static byte[] Aad(int keyId) => Encoding.UTF8.GetBytes($"voiceassist-key-ring:{keyId}");
}

/// <summary>A row of <c>compliance.encryption_keys</c>: one data key, wrapped by the master key.</summary>
internal sealed class EncryptionKeyRow
{
    public int Id { get; set; }
    public required byte[] WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The master key that wraps new keys, and the previous ones still accepted for unwrapping while the master
/// key is being changed (<c>Compliance:Encryption:PreviousMasterKeys</c>).</summary>
internal sealed class MasterKeys
{
    public MasterKeys(IMasterKey current, IReadOnlyList<IMasterKey> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        Previous = [.. previous.Where(p => p.Id != current.Id).DistinctBy(p => p.Id)];
    }

    public IMasterKey Current { get; }

    public IReadOnlyList<IMasterKey> Previous { get; }

    /// <summary>The configured master key with this fingerprint, current or previous; null when none is.</summary>
    public IMasterKey? Find(string id) => Current.Id == id ? Current : Previous.FirstOrDefault(p => p.Id == id);
}
