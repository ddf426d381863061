namespace VoiceAssist.Voice.VoiceSessions.Recording;

/// <summary>The <c>Voice:Recording</c> section. Audio is not stored unless a deployment turns this on (for example for
/// quality review of recognition); then each utterance heard on the voice socket is kept beside its conversation,
/// encrypted like the transcript, and purged with it.</summary>
internal sealed class RecordingOptions
{
    public const string Section = "Voice:Recording";

    public bool Enabled { get; set; }
}
