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
    /// <remarks>EF Core builds a model once per internal service provider, which Npgsql keys on the data source; each
    /// host has its own data source, so the encryptor captured here is that host's.</remarks>
    public static PropertyBuilder<string> IsEncryptedPhi(this PropertyBuilder<string> property, DbContext context, string purpose)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(context);
        var encryptor = context.GetService<IFieldEncryptor>();
        return property.HasConversion(new EncryptedStringConverter(encryptor, purpose));
    }

    public static PropertyBuilder<string?> IsEncryptedPhi(this PropertyBuilder<string?> property, DbContext context, string purpose)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(context);
        var encryptor = context.GetService<IFieldEncryptor>();
        return property.HasConversion(new EncryptedStringConverter(encryptor, purpose));
    }
}
