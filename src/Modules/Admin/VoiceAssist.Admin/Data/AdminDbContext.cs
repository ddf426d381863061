using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.Admin.Data;

/// <summary>The console's own tables (only what is its own: it asks other modules for theirs through their contracts).</summary>
internal sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : ModuleDbContext(options, AdminModule.Schema)
{
    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
    }
}
