using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.Testing.Outbox.Orders.Data;

public sealed class Order
{
    public Guid Id { get; set; }
    public bool Poison { get; set; }
}

/// <summary>A sample module that publishes: its orders and its outbox live in schema "orders".</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : ModuleDbContext(options, "orders")
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.Property(o => o.Id).HasColumnName("id");
            order.Property(o => o.Poison).HasColumnName("poison");
        });
}
