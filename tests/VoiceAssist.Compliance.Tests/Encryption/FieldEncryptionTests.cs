using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceAssist.BuildingBlocks.Security.Encryption;
using VoiceAssist.Compliance.Encryption;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;

namespace VoiceAssist.Compliance.Tests.Encryption;

/// <summary>A host with a master key of its own, optionally on an existing database.</summary>
public class MasterKeyFactory : VoiceAssistFactory
{
    public MasterKeyFactory()
        : this(SharedServers.Postgres.CreateDatabase(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
    {
    }

    internal MasterKeyFactory(string databaseConnectionString, string masterKey, params string[] previousMasterKeys)
        : this(databaseConnectionString, masterKey, keyRefreshInterval: null, previousMasterKeys)
    {
    }

    internal MasterKeyFactory(string databaseConnectionString, string masterKey, TimeSpan? keyRefreshInterval, params string[] previousMasterKeys)
        : base(databaseConnectionString, SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase()))
    {
        MasterKey = masterKey;
        PreviousMasterKeys = previousMasterKeys;
        KeyRefreshInterval = keyRefreshInterval;
    }

    public TimeSpan? KeyRefreshInterval { get; }

    public string MasterKey { get; }

    public IReadOnlyList<string> PreviousMasterKeys { get; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?> { ["Compliance:Encryption:MasterKey"] = MasterKey };
            if (KeyRefreshInterval is { } interval)
            {
                settings["Compliance:Encryption:KeyRefreshInterval"] = interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }

            for (var i = 0; i < PreviousMasterKeys.Count; i++)
            {
                settings[$"Compliance:Encryption:PreviousMasterKeys:{i}"] = PreviousMasterKeys[i];
            }

            return settings;
        }
    }

    /// <summary>The first 16 hex digits of SHA-256 over the key: how the key ring names the master key that wrapped a key.</summary>
    public static string Fingerprint(string masterKey) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(masterKey)))[..16];

    /// <summary>Starts the host; the exception that stopped it, searched through its inner exceptions, or null.</summary>
    public Exception? StartFailure()
    {
        try
        {
            _ = Services;
            return null;
        }
        catch (Exception ex)
        {
            for (var e = ex; e is not null; e = e.InnerException)
            {
                if (e is MasterKeyMismatchException || (e is InvalidOperationException && e.Message.Contains("Compliance:Encryption", StringComparison.Ordinal)))
                {
                    return e;
                }
            }

            return ex;
        }
    }
}

internal static class Turns
{
    public const string Said = "Patient Margaret Oduya, MRN 40417793, DOB 03/14/1951, asks about her warfarin dose.";

    public static async Task<string> StartConversation(HttpClient clinician)
    {
        var started = await (await clinician.PostAsync(new Uri("/api/conversations", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        return started.GetProperty("id").GetGuid().ToString();
    }

    public static async Task Take(HttpClient clinician, string conversationId, string text) =>
        (await clinician.PostAsJsonAsync($"/api/conversations/{conversationId}/turns", new { text })).EnsureSuccessStatusCode();

    public static async Task<List<string>> TextsRead(HttpClient clinician, string conversationId)
    {
        var conversation = await clinician.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}");
        return [.. conversation.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("text").GetString()!)];
    }

    /// <summary>The columns as PostgreSQL holds them, read past the application.</summary>
    public static async Task<List<(string Text, string Reply, string Details)>> Raw(string connectionString, string conversationId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT text, reply, details FROM voice.turns WHERE conversation_id = $1 ORDER BY sequence", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(conversationId) });
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}

public sealed class FieldEncryptionTests(MasterKeyFactory factory) : IClassFixture<MasterKeyFactory>
{
    [Fact]
    public async Task A_turn_reads_back_as_said_while_the_database_holds_only_ciphertext()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var conversationId = await Turns.StartConversation(clinician);

        await Turns.Take(clinician, conversationId, Turns.Said);

        (await Turns.TextsRead(clinician, conversationId)).Should().Equal(Turns.Said);
        var (text, reply, details) = (await Turns.Raw(factory.DatabaseConnectionString, conversationId)).Single();
        foreach (var stored in new[] { text, reply, details })
        {
            stored.Should().StartWith("pe1:1:");
            stored.Should().NotContainAny("Margaret", "Oduya", "40417793", "warfarin", "1951");
        }

        // Decrypts with this host's own key ring, for this column only.
        var encryptor = factory.Services.GetRequiredService<IFieldEncryptor>();
        encryptor.Decrypt(text, "voice.turns.text").Should().Be(Turns.Said);
        var wrongColumn = () => encryptor.Decrypt(text, "voice.turns.reply");
        wrongColumn.Should().Throw<CryptographicException>();
    }

    [Fact]
    public async Task The_dialogue_state_is_ciphertext_in_the_database_and_a_follow_up_still_uses_it()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var conversationId = await Turns.StartConversation(clinician);

        await Turns.Take(clinician, conversationId, "CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes");
        var followUp = await (await clinician.PostAsJsonAsync($"/api/conversations/{conversationId}/turns", new { text = "and if she also had a prior stroke?" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        followUp.GetRawText().Should().Contain("cha2ds2-vasc", "the follow-up recomputes from the stored state");
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT state FROM voice.conversations WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(conversationId) });
        var stored = (string)(await command.ExecuteScalarAsync())!;
        stored.Should().StartWith("pe1:").And.NotContainAny("female", "hypertension", "diabetes", "cha2ds2");
    }

    [Fact]
    public async Task After_rotation_old_turns_stay_readable_new_ones_use_the_new_key_and_reencryption_moves_everything_to_it()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var conversationId = await Turns.StartConversation(clinician);
        await Turns.Take(clinician, conversationId, "first: " + Turns.Said);
        var before = (await Turns.Raw(factory.DatabaseConnectionString, conversationId)).Single().Text;

        var rotated = await (await admin.PostAsync(new Uri("/api/compliance/encryption/keys/rotate", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var newKey = rotated.GetProperty("activeKeyId").GetInt32();
        newKey.Should().BeGreaterThan(1);
        await Turns.Take(clinician, conversationId, "second: " + Turns.Said);

        var raw = await Turns.Raw(factory.DatabaseConnectionString, conversationId);
        raw[0].Text.Should().Be(before, "rotation does not touch what was written");
        raw[1].Text.Should().StartWith($"pe1:{newKey}:");
        (await Turns.TextsRead(clinician, conversationId)).Should().Equal("first: " + Turns.Said, "second: " + Turns.Said);

        var reencrypted = await (await admin.PostAsync(new Uri("/api/compliance/encryption/reencrypt", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();

        reencrypted.GetProperty("valuesRewritten").GetInt64().Should().BeGreaterThanOrEqualTo(3, "text, reply and details of the first turn");
        reencrypted.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().Contain("voice.turns.text");
        var after = await Turns.Raw(factory.DatabaseConnectionString, conversationId);
        after.SelectMany(r => new[] { r.Text, r.Reply, r.Details }).Should().OnlyContain(v => v.StartsWith($"pe1:{newKey}:", StringComparison.Ordinal));
        after[0].Text.Should().NotBe(before);
        (await Turns.TextsRead(clinician, conversationId)).Should().Equal("first: " + Turns.Said, "second: " + Turns.Said);
    }

    [Fact]
    public async Task The_reencryption_job_reaches_every_encrypted_column_of_every_module()
    {
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        using var scope = factory.Services.CreateScope();
        var encrypted = factory.Services.GetServices<BuildingBlocks.Modules.ModuleDescriptor>()
            .SelectMany(m => FieldReencryption.Columns((Microsoft.EntityFrameworkCore.DbContext)scope.ServiceProvider.GetRequiredService(m.DbContextType)))
            .Select(c => $"{c.Schema}.{c.Table}.{c.Column}")
            .ToList();

        var reencrypted = await (await admin.PostAsync(new Uri("/api/compliance/encryption/reencrypt", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();

        encrypted.Should().Contain(["voice.turns.text", "knowledge.patient_document_contents.text"]);
        reencrypted.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo(encrypted,
            "a module with encrypted columns must answer Compliance's re-encryption request, or a key rotation leaves them behind");
    }

    [Fact]
    public async Task Plaintext_written_before_encryption_is_read_as_it_is_and_encrypted_by_the_job()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var conversationId = await Turns.StartConversation(clinician);
        await using (var connection = new NpgsqlConnection(factory.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO voice.turns (id, conversation_id, sequence, text, reply, intent, details, created_at)
                VALUES (gen_random_uuid(), $1, 1, 'legacy: John Smith, 67, chest pain', 'legacy reply', 'other', '{}', now())
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(conversationId) });
            await insert.ExecuteNonQueryAsync();
        }

        (await Turns.TextsRead(clinician, conversationId)).Should().Equal("legacy: John Smith, 67, chest pain");
        (await admin.PostAsync(new Uri("/api/compliance/encryption/reencrypt", UriKind.Relative), null)).EnsureSuccessStatusCode();

        (await Turns.Raw(factory.DatabaseConnectionString, conversationId)).Single().Text.Should().StartWith("pe1:").And.NotContain("John Smith");
        (await Turns.TextsRead(clinician, conversationId)).Should().Equal("legacy: John Smith, 67, chest pain");
    }

    [Fact]
    public async Task Key_rotation_and_reencryption_need_an_admin_and_are_audited()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var admin = await factory.CreateClientSignedInAs(Roles.Admin);
        var auditor = await factory.CreateClientSignedInAs(Roles.Auditor);

        (await clinician.PostAsync(new Uri("/api/compliance/encryption/keys/rotate", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var rotated = await (await admin.PostAsync(new Uri("/api/compliance/encryption/keys/rotate", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        var keyId = rotated.GetProperty("activeKeyId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var recorded = await auditor.GetFromJsonAsync<JsonElement>($"/api/compliance/audit?action=compliance.encryption.key_rotated&resourceId={keyId}");
        recorded.GetProperty("entries").EnumerateArray().Should().ContainSingle().Which.GetProperty("actorRole").GetString().Should().Be(Roles.Admin);
    }
}

public sealed class WrongMasterKeyTests(MasterKeyFactory factory) : IClassFixture<MasterKeyFactory>
{
    [Fact]
    public async Task A_host_started_with_another_master_key_refuses_to_start_and_says_why()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var conversationId = await Turns.StartConversation(clinician);
        await Turns.Take(clinician, conversationId, Turns.Said);
        var stored = (await Turns.Raw(factory.DatabaseConnectionString, conversationId)).Single().Text;

        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var wrong = new MasterKeyFactory(factory.DatabaseConnectionString, wrongKey);
        var failure = wrong.StartFailure();
        await DisposeQuietly(wrong);

        failure.Should().BeOfType<MasterKeyMismatchException>().Which.Message.Should().Match(
            $"*wrapped by master key {MasterKeyFactory.Fingerprint(factory.MasterKey)}*{MasterKeyFactory.Fingerprint(wrongKey)}*Compliance:Encryption:PreviousMasterKeys*");
        (await MasterKeyIds(factory.DatabaseConnectionString)).Should().OnlyContain(id => id == MasterKeyFactory.Fingerprint(factory.MasterKey), "a refused start changes nothing");
        var rightKey = new MasterKeyFactory(factory.DatabaseConnectionString, factory.MasterKey);
        await using (rightKey)
        {
            rightKey.Services.GetRequiredService<IFieldEncryptor>().Decrypt(stored, "voice.turns.text").Should().Be(Turns.Said);
        }
    }

    [Fact]
    public async Task A_wrong_previous_master_key_refuses_to_start_and_leaves_the_ring_as_it_was()
    {
        await using (var first = new MasterKeyFactory(factory.DatabaseConnectionString, factory.MasterKey))
        {
            _ = first.Services.GetRequiredService<IFieldEncryptor>().CurrentPrefix;
        }

        var wrong = new MasterKeyFactory(factory.DatabaseConnectionString, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var failure = wrong.StartFailure();
        await DisposeQuietly(wrong);

        failure.Should().BeOfType<MasterKeyMismatchException>().Which.Message.Should().Contain("neither the configured master key").And.Contain("Nothing was changed");
        (await MasterKeyIds(factory.DatabaseConnectionString)).Should().OnlyContain(id => id == MasterKeyFactory.Fingerprint(factory.MasterKey));
    }

    [Fact]
    public async Task A_malformed_previous_master_key_is_named_in_the_error()
    {
        var malformed = new MasterKeyFactory(factory.DatabaseConnectionString, factory.MasterKey, "not base64!");
        var failure = malformed.StartFailure();
        await DisposeQuietly(malformed);

        failure.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("Compliance:Encryption:PreviousMasterKeys:0 is not valid base64");
    }

    internal static async Task<List<string>> MasterKeyIds(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT master_key_id FROM compliance.encryption_keys ORDER BY id", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    internal static async Task DisposeQuietly(MasterKeyFactory host)
    {
        try
        {
            await host.DisposeAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or MasterKeyMismatchException or AggregateException or OperationCanceledException)
        {
            // A host that never started has nothing to stop.
        }
    }
}

/// <summary>Changing the master key: start with the new key and the old one as previous, the ring is re-wrapped (and
/// audited), then the old key can go.</summary>
public sealed class MasterKeyRewrapTests
{
    [Fact]
    public async Task The_ring_is_rewrapped_under_the_new_master_key_and_old_data_stays_readable_without_the_old_key()
    {
        var database = SharedServers.Postgres.CreateDatabase();
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string stored;
        await using (var before = new MasterKeyFactory(database, oldKey))
        {
            var clinician = await before.CreateClientSignedInAs(Roles.Clinician);
            var conversationId = await Turns.StartConversation(clinician);
            await Turns.Take(clinician, conversationId, Turns.Said);
            var admin = await before.CreateClientSignedInAs(Roles.Admin);
            (await admin.PostAsync(new Uri("/api/compliance/encryption/keys/rotate", UriKind.Relative), null)).EnsureSuccessStatusCode();
            stored = (await Turns.Raw(database, conversationId)).Single().Text;
        }

        (await WrongMasterKeyTests.MasterKeyIds(database)).Should().Equal(Enumerable.Repeat(MasterKeyFactory.Fingerprint(oldKey), 2));

        await using (var changing = new MasterKeyFactory(database, newKey, oldKey))
        {
            changing.Services.GetRequiredService<IFieldEncryptor>().Decrypt(stored, "voice.turns.text").Should().Be(Turns.Said);
            (await WrongMasterKeyTests.MasterKeyIds(database)).Should().Equal(Enumerable.Repeat(MasterKeyFactory.Fingerprint(newKey), 2), "every key was re-wrapped at start");
            var auditor = await changing.CreateClientSignedInAs(Roles.Auditor);
            var recorded = await auditor.GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=compliance.encryption.key_rewrapped");
            recorded.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("resourceId").GetString()).Should().BeEquivalentTo(["1", "2"]);
        }

        await using (var after = new MasterKeyFactory(database, newKey))
        {
            after.StartFailure().Should().BeNull();
            after.Services.GetRequiredService<IFieldEncryptor>().Decrypt(stored, "voice.turns.text").Should().Be(Turns.Said);
        }

        var oldOnly = new MasterKeyFactory(database, oldKey);
        var failure = oldOnly.StartFailure();
        await WrongMasterKeyTests.DisposeQuietly(oldOnly);
        failure.Should().BeOfType<MasterKeyMismatchException>("the ring is no longer wrapped by the old key");
    }

    [Fact]
    public async Task A_replica_still_on_the_old_master_key_keeps_working_while_another_rewraps_the_ring()
    {
        var database = SharedServers.Postgres.CreateDatabase();
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // The old replica reloads the ring on every use, so it meets the re-wrapped rows at once.
        await using var oldReplica = new MasterKeyFactory(database, oldKey, TimeSpan.FromMilliseconds(1));
        var oldEncryptor = oldReplica.Services.GetRequiredService<IFieldEncryptor>();
        var written = oldEncryptor.Encrypt(Turns.Said, "voice.turns.text");

        await using var newReplica = new MasterKeyFactory(database, newKey, oldKey);
        newReplica.StartFailure().Should().BeNull();
        (await WrongMasterKeyTests.MasterKeyIds(database)).Should().OnlyContain(id => id == MasterKeyFactory.Fingerprint(newKey));

        oldEncryptor.Decrypt(written, "voice.turns.text").Should().Be(Turns.Said, "the old replica keeps the data key it had unwrapped");
        newReplica.Services.GetRequiredService<IFieldEncryptor>().Decrypt(oldEncryptor.Encrypt("after the change", "voice.turns.text"), "voice.turns.text")
            .Should().Be("after the change");
    }
}
