namespace VoiceAssist.Admin.Usage;

/// <summary>One day's usage of one meter and model by one user (or <c>system</c>), summed over every replica.</summary>
internal sealed class UsageDay
{
    public DateOnly Day { get; set; }
    public required string UserId { get; set; }
    public required string Meter { get; set; }
    public required string Model { get; set; }
    public double Quantity { get; set; }
}

/// <summary>What one unit of a meter costs for one model (a second of speech, a character, a token).</summary>
internal sealed class UsagePrice
{
    public required string Meter { get; set; }
    public required string Model { get; set; }
    public decimal PricePerUnit { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
