using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.BuildingBlocks.Security.Encryption;

namespace VoiceAssist.Compliance.Encryption;

/// <summary>The data keys of <c>compliance.encryption_keys</c>, unwrapped in memory; the highest id encrypts. Loaded on
/// first use (creating key 1 when the ring is empty), reloaded when a ciphertext names a key not yet seen (another
/// replica rotated) and every <see cref="EncryptionOptions.KeyRefreshInterval"/>, so replicas move to a new key soon
/// after one of them rotates. EF value converters are synchronous, so loading is too.</summary>
/// <remarks>Keys wrapped by one of <see cref="MasterKeys.Previous"/> are read with it; <see cref="RewrapUnderCurrentMasterKey"/>
/// (run at start by <see cref="MasterKeyRewrap"/>) moves them under the current master key.</remarks>
internal sealed class KeyRing(NpgsqlDataSource dataSource, MasterKeys masterKeys, IOptions<EncryptionOptions> options, TimeProvider time)
    : IFieldEncryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly IMasterKey masterKey = masterKeys.Current;
    private readonly Lock gate = new();
    private volatile Snapshot? snapshot;

    public int ActiveKeyId => Current().ActiveId;

    public IReadOnlyCollection<int> KeyIds => [.. Current().Keys.Keys];

    public string CurrentPrefix => FieldCiphertext.Prefix(ActiveKeyId);

    public string Encrypt(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var ring = Current();
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + data.Length + TagSize];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using (var aes = new AesGcm(ring.Keys[ring.ActiveId], TagSize))
        {
            aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), data, sealedBytes.AsSpan(NonceSize, data.Length), sealedBytes.AsSpan(NonceSize + data.Length),
                Encoding.UTF8.GetBytes(purpose));
        }

        return FieldCiphertext.Prefix(ring.ActiveId) + Convert.ToBase64String(sealedBytes);
    }

    public string Decrypt(string stored, string purpose)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!FieldCiphertext.IsEncrypted(stored))
        {
            return stored;
        }

        var separator = stored.IndexOf(':', FieldCiphertext.Marker.Length);
        if (separator < 0 || !int.TryParse(stored.AsSpan(FieldCiphertext.Marker.Length, separator - FieldCiphertext.Marker.Length), out var keyId))
        {
            throw new CryptographicException("An encrypted field is malformed.");
        }

        var ring = Current();
        if (!ring.Keys.ContainsKey(keyId))
        {
            ring = Load();
        }

        if (!ring.Keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"An encrypted field names key {keyId}, which is not in the key ring.");
        }

        var sealedBytes = Convert.FromBase64String(stored[(separator + 1)..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var data = new byte[length];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), data, Encoding.UTF8.GetBytes(purpose));
        }

        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Adds a new data key, which becomes the active one; returns its id.</summary>
    public async Task<int> Rotate(CancellationToken cancellationToken)
    {
        Current();
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var read = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM compliance.encryption_keys", connection);
            var next = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
            if (Insert(connection, next))
            {
                Load();
                return next;
            }
        }
    }

    private Snapshot Current()
    {
        var current = snapshot;
        return current is not null && time.GetUtcNow() - current.LoadedAt < options.Value.KeyRefreshInterval ? current : Load();
    }

    private Snapshot Load()
    {
        lock (gate)
        {
            using var connection = dataSource.OpenConnection();
            var keys = ReadKeys(connection);
            if (keys.Count == 0)
            {
                Insert(connection, 1);
                keys = ReadKeys(connection);
            }

            var loaded = new Snapshot(keys, keys.Keys.Max(), time.GetUtcNow());
            snapshot = loaded;
            return loaded;
        }
    }

    private Dictionary<int, byte[]> ReadKeys(NpgsqlConnection connection)
    {
        var keys = new Dictionary<int, byte[]>();
        var known = snapshot?.Keys;
        using var command = new NpgsqlCommand("SELECT id, wrapped_key, master_key_id FROM compliance.encryption_keys ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt32(0);
            var wrappedBy = reader.GetString(2);
            if (masterKeys.Find(wrappedBy) is { } wrapping)
            {
                keys[id] = wrapping.Unwrap((byte[])reader.GetValue(1), id);
            }
            else if (known is not null && known.TryGetValue(id, out var alreadyUnwrapped))
            {
                // Another replica re-wrapped this key under a master key this one is not configured with yet (a
                // rolling change of the master key): the data key itself is unchanged, so keep the one in memory.
                keys[id] = alreadyUnwrapped;
            }
            else
            {
                throw new MasterKeyMismatchException(
                    $"Encryption key {id} was wrapped by master key {wrappedBy}, but the configured master key is {masterKey.Id}" +
                    (masterKeys.Previous.Count > 0 ? $" and the previous ones are {string.Join(", ", masterKeys.Previous.Select(k => k.Id))}" : "") + ". " +
                    "Configure the master key this database was encrypted with (Compliance:Encryption:MasterKey), or, while changing it, " +
                    "list the old one in Compliance:Encryption:PreviousMasterKeys.");
            }
        }

        return keys;
    }

    /// <summary>Re-wraps every key of the ring still wrapped by a previous master key under the current one; returns the
    /// ids re-wrapped with the fingerprint of the master key each was wrapped by. Each row is updated only if it is
    /// still wrapped by that previous key, so replicas starting together re-wrap each key once. The data keys do not
    /// change, so no field is re-encrypted.</summary>
    public async Task<IReadOnlyList<(int KeyId, string PreviousMasterKeyId)>> RewrapUnderCurrentMasterKey(CancellationToken cancellationToken)
    {
        var pending = new List<(int Id, byte[] Wrapped, IMasterKey WrappedBy)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT id, wrapped_key, master_key_id FROM compliance.encryption_keys WHERE master_key_id <> $1 ORDER BY id", connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = masterKey.Id });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt32(0);
                var wrappedBy = reader.GetString(2);
                var previous = masterKeys.Find(wrappedBy) ?? throw new MasterKeyMismatchException(
                    $"Encryption key {id} was wrapped by master key {wrappedBy}, which is neither the configured master key ({masterKey.Id}) nor one of " +
                    $"Compliance:Encryption:PreviousMasterKeys ({(masterKeys.Previous.Count == 0 ? "none configured" : string.Join(", ", masterKeys.Previous.Select(k => k.Id)))}). " +
                    "Nothing was changed; configure the master key that wrapped it.");
                pending.Add((id, (byte[])reader.GetValue(1), previous));
            }
        }

        var rewrapped = new List<(int, string)>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (id, wrapped, wrappedBy) in pending)
        {
            // One transaction: a key that does not unwrap leaves every row as it was.
            var dataKey = wrappedBy.Unwrap(wrapped, id);
            await using var update = new NpgsqlCommand(
                "UPDATE compliance.encryption_keys SET wrapped_key = $1, master_key_id = $2 WHERE id = $3 AND master_key_id = $4", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = masterKey.Wrap(dataKey, id) });
            update.Parameters.Add(new NpgsqlParameter { Value = masterKey.Id });
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            update.Parameters.Add(new NpgsqlParameter { Value = wrappedBy.Id });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                rewrapped.Add((id, wrappedBy.Id));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        Load();
        return rewrapped;
    }

    private bool Insert(NpgsqlConnection connection, int id)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        using var insert = new NpgsqlCommand(
            "INSERT INTO compliance.encryption_keys (id, wrapped_key, master_key_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = masterKey.Wrap(dataKey, id) });
        insert.Parameters.Add(new NpgsqlParameter { Value = masterKey.Id });
        return insert.ExecuteNonQuery() == 1;
    }

    private sealed record Snapshot(IReadOnlyDictionary<int, byte[]> Keys, int ActiveId, DateTimeOffset LoadedAt);
}

internal sealed class EncryptionOptions
{
    public const string Section = "Compliance:Encryption";

    /// <summary>Base64 of 32 random bytes (<c>openssl rand -base64 32</c>). Required outside Development and Testing.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Master keys the ring may still be wrapped by while the master key is being changed (base64 each);
    /// at start every key they wrapped is re-wrapped under <see cref="MasterKey"/>.</summary>
    public List<string> PreviousMasterKeys { get; set; } = [];

    /// <summary>How long a replica keeps its loaded key ring before looking for keys another replica added.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
