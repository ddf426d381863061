using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using VoiceAssist.BuildingBlocks.Security.Encryption;

namespace VoiceAssist.Admin.Policy;

/// <summary>The settings administrators change in the console, as the host's last (winning) configuration source: read
/// from <c>admin.console_settings</c> at start and every <see cref="Interval"/> after, so a change made on one replica
/// reaches every replica's options (<c>IOptionsSnapshot</c>, <c>IOptionsMonitor</c>) within seconds, no restart.
/// Secrets (API keys) are stored encrypted under the key ring and decrypted here once the host has started and the key
/// ring can be read (<see cref="ConsoleSecretsActivation"/>); until then they are left out.</summary>
internal sealed class ConsoleSettingsSource(string? connectionString, TimeSpan interval) : IConfigurationSource
{
    public TimeSpan Interval { get; } = interval;

    /// <summary>The provider the host built from this source; null before the configuration is built.</summary>
    public ConsoleSettingsProvider? Provider { get; private set; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider ??= new ConsoleSettingsProvider(connectionString, Interval);
}

internal sealed class ConsoleSettingsProvider(string? connectionString, TimeSpan interval) : ConfigurationProvider, IDisposable
{
    private readonly Lock gate = new();
    private Timer? timer;
    private volatile IFieldEncryptor? decryptor;

    /// <summary>The associated data an encrypted setting is sealed with: a ciphertext moved to another key does not
    /// decrypt.</summary>
    public static string Purpose(string key) => "admin.console_settings:" + key.ToUpperInvariant();

    /// <summary>From now on encrypted settings are decrypted with the key ring and included.</summary>
    public void UseDecryptor(IFieldEncryptor encryptor)
    {
        decryptor = encryptor;
        Refresh();
    }

    public override void Load()
    {
        Data = Read() ?? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        timer ??= new Timer(_ => Refresh(), null, interval, interval);
    }

    /// <summary>Reads the table now and, when anything changed, tells every options consumer.</summary>
    public void Refresh()
    {
        lock (gate)
        {
            if (Read() is not { } current || SameAs(current))
            {
                return;
            }

            Data = current;
        }

        OnReload();
    }

    public void Dispose() => timer?.Dispose();

    private bool SameAs(Dictionary<string, string?> current) =>
        current.Count == Data.Count && current.All(pair => Data.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>The rows, or null when the database cannot be read now (not up yet, not migrated yet): the values held
    /// stay in force until the next read succeeds.</summary>
    private Dictionary<string, string?>? Read()
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT key, value, encrypted FROM admin.console_settings", connection);
            using var reader = command.ExecuteReader();
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                var key = reader.GetString(0);
                if (!reader.GetBoolean(2))
                {
                    values[key] = reader.GetString(1);
                }
                else if (Decrypt(key, reader.GetString(1)) is { } secret)
                {
                    values[key] = secret;
                }
            }

            return values;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The secret, or null (left out, tried again at the next read) before the key ring can be used or when
    /// the key ring cannot be read now.</summary>
    private string? Decrypt(string key, string stored)
    {
        if (decryptor is not { } encryptor)
        {
            return null;
        }

        try
        {
            return encryptor.Decrypt(stored, Purpose(key));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A key ring that cannot be read yet (or a master key that does not match) must not stop the other
            // settings from applying; the secret is tried again at the next read.
            return null;
        }
    }
}

/// <summary>Lets the console's settings source decrypt secrets once the host starts: the key ring lives in the
/// container, which the configuration is built before.</summary>
internal sealed class ConsoleSecretsActivation(ConsoleSettingsSource settings, IFieldEncryptor encryptor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        settings.Provider?.UseDecryptor(encryptor);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
