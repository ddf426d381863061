using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VoiceAssist.BuildingBlocks.Security.Encryption;

/// <summary>Stores a string property encrypted (see <see cref="IFieldEncryptor"/>).</summary>
public sealed class EncryptedStringConverter(IFieldEncryptor encryptor, string purpose)
    : ValueConverter<string, string>(plaintext => encryptor.Encrypt(plaintext, purpose), stored => encryptor.Decrypt(stored, purpose))
{
    /// <summary>The associated data bound into every ciphertext of the column: <c>schema.table.column</c>.</summary>
    public string Purpose { get; } = purpose;
}

public static class EncryptedColumns
{
    /// <summary>Encrypts the column in the application before it reaches PostgreSQL. The encryptor comes from the
    /// host's services (registered by the Compliance module); the purpose is <c>schema.table.column</c>.</summary>
    /// <remarks>The model, and so the encryptor captured here, is cached per host (<see cref="PerHostModelCacheKeyFactory"/>).</remarks>
    public static PropertyBuilder IsEncryptedPhi(this PropertyBuilder property, DbContext context, string purpose)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(context);
        var encryptor = context.GetService<IFieldEncryptor>();
        return property.HasConversion(new EncryptedStringConverter(encryptor, purpose));
    }
}
