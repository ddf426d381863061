using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Mfa;

/// <summary>TOTP secrets are stored encrypted (AES-256-GCM, bound to the account), so a database dump does not
/// reveal anyone's second factor.</summary>
public sealed class TotpSecretEncryptionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task The_stored_secret_is_ciphertext_and_sign_in_with_the_authenticator_still_works()
    {
        var auditor = await api.CreateUser("auditor");
        await api.SignIn(auditor.Email, auditor.Password);

        var stored = await StoredSecret(auditor.Id);
        var secret = api.Secret(auditor.Email);
        stored.Should().StartWith("v1.");
        stored.Should().NotContain(secret);
        Convert.FromBase64String(stored[3..]).Length.Should().Be(12 + secret.Length + 16, "nonce, ciphertext and tag");

        (await api.SignIn(auditor.Email, auditor.Password)).AccessToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_secret_stored_before_encryption_still_signs_in_and_is_encrypted_on_that_use()
    {
        var auditor = await api.CreateUser("auditor");
        await api.SignIn(auditor.Email, auditor.Password);
        await SetStoredSecret(auditor.Id, api.Secret(auditor.Email));

        (await api.SignIn(auditor.Email, auditor.Password)).AccessToken.Should().NotBeNullOrEmpty();

        (await StoredSecret(auditor.Id)).Should().StartWith("v1.");
    }

    [Fact]
    public async Task A_ciphertext_copied_onto_another_account_does_not_let_its_codes_in()
    {
        var victim = await api.CreateUser("auditor");
        var attacker = await api.CreateUser("auditor");
        await api.SignIn(victim.Email, victim.Password);
        await api.SignIn(attacker.Email, attacker.Password);
        await SetStoredSecret(attacker.Id, await StoredSecret(victim.Id));

        var step = await api.PostPassword(attacker.Email, attacker.Password);
        var mfaToken = (await step.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("mfaToken").GetString();
        var response = await api.Anonymous.PostAsJsonAsync("/api/identity/token/mfa", new { mfaToken, code = api.NextCode(victim.Email) });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Outside_Development_and_Testing_the_host_refuses_to_run_without_a_key()
    {
        var production = new ProductionEnvironment();

        var create = () => new TotpSecretProtector(Options.Create(new MfaSettings()), production);

        create.Should().Throw<InvalidOperationException>().WithMessage("*Identity:Mfa:SecretEncryptionKey*");
    }

    private async Task<string> StoredSecret(Guid userId)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT totp_secret FROM identity.users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task SetStoredSecret(Guid userId, string value)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE identity.users SET totp_secret = @value WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("value", value);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "VoiceAssist";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
