namespace VoiceAssist.Identity.Tests.Support;

/// <summary>The real clock plus an offset the test moves forward, to see a lockout end without waiting for it.</summary>
public sealed class AdjustableTime : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
