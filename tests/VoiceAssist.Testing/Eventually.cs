namespace VoiceAssist.Testing;

/// <summary>Waits for something asynchronous (an outbox delivery, a health transition) with a generous bound, so
/// the test asserts an outcome, never a timing.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}. Last value: {last}");
    }
}
