using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace VoiceAssist.Knowledge.Search;

/// <summary>Chooses the vector index once per process: pgvector when configured (or, on <c>auto</c>, when the
/// server has the extension), otherwise the exact in-memory index.</summary>
internal sealed partial class VectorIndexSelector(NpgsqlDataSource dataSource, IConfiguration configuration, IOptions<KnowledgeOptions> options, ILogger<VectorIndexSelector> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IVectorIndex? selected;

    /// <summary>The in-memory index when it is the one in use (the search index then feeds it).</summary>
    public InMemoryVectorIndex? InMemory { get; private set; } = new();

    public PgVectorIndex? PgVector { get; private set; }

    public async Task<IVectorIndex> Get(CancellationToken cancellationToken)
    {
        if (selected is not null)
        {
            return selected;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (selected is not null)
            {
                return selected;
            }

            var choice = options.Value.Search.VectorIndex;
            if (!string.Equals(choice, "memory", StringComparison.OrdinalIgnoreCase) && await PgVectorIndex.TryEnable(dataSource, cancellationToken))
            {
                PgVector = new PgVectorIndex(configuration.GetConnectionString(BuildingBlocks.VoiceAssistPlatform.DatabaseConnection)
                    ?? throw new InvalidOperationException("ConnectionStrings:VoiceAssist is required."));
                InMemory = null;
                selected = PgVector;
            }
            else if (string.Equals(choice, "pgvector", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("Knowledge:Search:VectorIndex is pgvector but CREATE EXTENSION vector failed on this server.");
            }
            else
            {
                selected = InMemory!;
            }

            LogSelected(logger, selected.Name);
            return selected;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        gate.Dispose();
        PgVector?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge vector index: {Index}")]
    private static partial void LogSelected(ILogger logger, string index);
}
