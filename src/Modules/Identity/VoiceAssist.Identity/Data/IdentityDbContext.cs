using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ModuleDbContext(options, IdentityModule.Schema)
{
    public DbSet<User> Users => Set<User>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ux_users_normalized_email");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Email).HasColumnName("email");
            user.Property(u => u.NormalizedEmail).HasColumnName("normalized_email");
            user.Property(u => u.DisplayName).HasColumnName("display_name");
            user.Property(u => u.Role).HasColumnName("role");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
        });
    }
}
