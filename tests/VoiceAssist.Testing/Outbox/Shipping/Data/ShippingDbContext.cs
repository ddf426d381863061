using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Persistence;

namespace VoiceAssist.Testing.Outbox.Shipping.Data;

public sealed class Shipment
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public double CommitToConsumedMs { get; set; }
}

/// <summary>A sample module that consumes: shipments and its inbox live in schema "shipping".</summary>
public sealed class ShippingDbContext(DbContextOptions<ShippingDbContext> options) : ModuleDbContext(options, "shipping")
{
    public DbSet<Shipment> Shipments => Set<Shipment>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Shipment>(shipment =>
        {
            shipment.ToTable("shipments");
            shipment.Property(s => s.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            shipment.Property(s => s.OrderId).HasColumnName("order_id");
            shipment.Property(s => s.CommitToConsumedMs).HasColumnName("commit_to_consumed_ms");
        });
}
