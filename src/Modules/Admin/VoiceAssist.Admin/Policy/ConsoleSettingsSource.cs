using Microsoft.Extensions.Configuration;
using Npgsql;

namespace VoiceAssist.Admin.Policy;

/// <summary>The settings administrators change in the console, as the host's last (winning) configuration source: read
/// from <c>admin.console_settings</c> at start and every <see cref="Interval"/> after, so a change made on one replica
/// reaches every replica's options (<c>IOptionsSnapshot</c>, <c>IOptionsMonitor</c>) within seconds, no restart.</summary>
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
            using var command = new NpgsqlCommand("SELECT key, value FROM admin.console_settings", connection);
            using var reader = command.ExecuteReader();
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }

            return values;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }
}
