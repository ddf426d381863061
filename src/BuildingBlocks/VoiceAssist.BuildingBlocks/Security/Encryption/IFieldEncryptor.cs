namespace VoiceAssist.BuildingBlocks.Security.Encryption;

/// <summary>Encrypts PHI fields for storage with AES-256-GCM under the newest key of a key ring, and decrypts them
/// under whichever key they were written with. The Compliance module provides the key ring; modules mark their PHI
/// columns with <see cref="EncryptedColumns.IsEncryptedPhi"/>.</summary>
/// <remarks>Stored form: <c>pe1:&lt;key id&gt;:&lt;base64(nonce ‖ ciphertext ‖ tag)&gt;</c>. The purpose (table and
/// column) is bound in as associated data, so a ciphertext copied into another column does not decrypt.</remarks>
public interface IFieldEncryptor
{
    string Encrypt(string plaintext, string purpose);

    /// <summary>The plaintext. A value that is not in the stored form (written before encryption was enabled) is
    /// returned as it is; the re-encryption job encrypts it.</summary>
    string Decrypt(string stored, string purpose);

    /// <summary>The prefix every value encrypted under the newest key starts with.</summary>
    string CurrentPrefix { get; }
}

/// <summary>The stored form of an encrypted field.</summary>
public static class FieldCiphertext
{
    public const string Marker = "pe1:";

    public static string Prefix(int keyId) => $"{Marker}{keyId}:";

    public static bool IsEncrypted(string stored) => stored is not null && stored.StartsWith(Marker, StringComparison.Ordinal);
}
