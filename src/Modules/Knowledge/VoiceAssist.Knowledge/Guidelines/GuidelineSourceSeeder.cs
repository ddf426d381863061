using Microsoft.Extensions.Options;
using Npgsql;

namespace VoiceAssist.Knowledge.Guidelines;

/// <summary>Adds each source listed in <c>Knowledge:Guidelines:Sources</c> to <c>knowledge.guideline_sources</c> the
/// first time configuration names its URL; from then on the table (the console) decides. A URL is remembered in
/// <c>knowledge.guideline_seeded_urls</c>, so a source an administrator removed or moved is not added back at the next
/// start, and two replicas starting together add it once.</summary>
internal sealed class GuidelineSourceSeeder(NpgsqlDataSource dataSource, IOptions<KnowledgeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool seeded;

    public async Task EnsureSeeded(CancellationToken cancellationToken)
    {
        if (seeded)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (seeded)
            {
                return;
            }

            foreach (var source in options.Value.Guidelines.Sources.Where(s => s.Url is { Scheme: "http" or "https" } && !string.IsNullOrWhiteSpace(s.Name)))
            {
                await using var command = dataSource.CreateCommand("""
                    WITH fresh AS (INSERT INTO knowledge.guideline_seeded_urls (url) VALUES (@url) ON CONFLICT DO NOTHING RETURNING url)
                    INSERT INTO knowledge.guideline_sources (id, url, name, publisher, licence, tags, created_at)
                    SELECT @id, url, @name, @publisher, @licence, @tags, now() FROM fresh
                    ON CONFLICT (url) DO NOTHING
                    """);
                command.Parameters.AddWithValue("url", source.Url!.ToString());
                command.Parameters.AddWithValue("id", Guid.CreateVersion7());
                command.Parameters.AddWithValue("name", source.Name.Trim());
                command.Parameters.AddWithValue("publisher", (object?)source.Publisher ?? DBNull.Value);
                command.Parameters.AddWithValue("licence", (object?)source.Licence ?? DBNull.Value);
                command.Parameters.AddWithValue("tags", source.Tags.ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            seeded = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
