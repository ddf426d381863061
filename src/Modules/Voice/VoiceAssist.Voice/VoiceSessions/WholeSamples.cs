namespace VoiceAssist.Voice.VoiceSessions;

/// <summary>Keeps the page's audio on whole 16-bit samples whatever the frame sizes: a frame with an odd number of
/// bytes splits its last sample, so that byte waits for the next frame instead of shifting every later sample by one
/// byte (which turns speech into noise). A 1-byte frame is simply carried.</summary>
internal sealed class WholeSamples
{
    private byte? carried;

    /// <summary>The received bytes, prefixed by the byte carried from the previous frame, cut to whole samples; may be
    /// empty.</summary>
    public byte[] Take(byte[] received)
    {
        var bytes = carried is { } pending ? [pending, .. received] : received;
        carried = bytes.Length % 2 == 1 ? bytes[^1] : null;
        return carried is null ? bytes : bytes[..^1];
    }
}
