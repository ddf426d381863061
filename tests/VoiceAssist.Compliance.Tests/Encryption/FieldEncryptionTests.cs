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

    internal MasterKeyFactory(string databaseConnectionString, string masterKey)
        : base(databaseConnectionString, SharedServers.Redis.ConnectionString(SharedServers.NextRedisDatabase())) => MasterKey = masterKey;

    public string MasterKey { get; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Compliance:Encryption:MasterKey"] = MasterKey };
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
    public async Task A_host_started_with_another_master_key_refuses_to_decrypt_and_says_why()
    {
        var clinician = await factory.CreateClientSignedInAs(Roles.Clinician);
        var conversationId = await Turns.StartConversation(clinician);
        await Turns.Take(clinician, conversationId, Turns.Said);
        var stored = (await Turns.Raw(factory.DatabaseConnectionString, conversationId)).Single().Text;

        await using var wrong = new MasterKeyFactory(factory.DatabaseConnectionString, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var decrypt = () => wrong.Services.GetRequiredService<IFieldEncryptor>().Decrypt(stored, "voice.turns.text");

        decrypt.Should().Throw<MasterKeyMismatchException>().WithMessage("*wrapped by master key*configured master key is*Compliance:Encryption:MasterKey*");
        var rightKey = new MasterKeyFactory(factory.DatabaseConnectionString, factory.MasterKey);
        await using (rightKey)
        {
            rightKey.Services.GetRequiredService<IFieldEncryptor>().Decrypt(stored, "voice.turns.text").Should().Be(Turns.Said);
        }
    }
}
