namespace VoiceAssist.Voice.VoiceSessions;

/// <summary>The <c>Voice:Session</c> section: how the voice socket treats the audio it receives.</summary>
internal sealed class VoiceSessionOptions
{
    public const string Section = "Voice:Session";

    /// <summary>An utterance longer than this is closed and answered as it is, so an open microphone cannot grow a
    /// transcript without end.</summary>
    public int MaxUtteranceSeconds { get; set; } = 30;

    /// <summary>Audio kept from before the endpointer confirmed speech, so the first syllable reaches the recogniser.</summary>
    public int PreRollMs { get; set; } = 300;

    /// <summary>The server endpointer's threshold above the noise floor, in dB.</summary>
    public double EndpointerThresholdDb { get; set; } = 12;

    /// <summary>Quiet after speech before the server endpointer ends the utterance.</summary>
    public int EndpointerHangoverMs { get; set; } = 600;

    /// <summary>How far synthesized audio may run ahead of real time. Synthesis is faster than speech; pacing it keeps
    /// the turn in flight while the page plays it, so speaking over it can still cancel the rest. 0 sends at once.</summary>
    public int PlaybackLeadMs { get; set; } = 1000;

    /// <summary>How often an open socket asks whether the sign-in session it was opened under is still in force. A
    /// session ended through this replica closes its sockets at once; this bounds the delay on the other replicas.</summary>
    public int SignInCheckSeconds { get; set; } = 15;
}

/// <summary>The <c>Voice:BargeIn</c> section: interrupting the assistant by speaking over it.</summary>
internal sealed class BargeInOptions
{
    public const string Section = "Voice:BargeIn";

    /// <summary>Speech shorter than this while the assistant is thinking or speaking (a cough, an "mm-hm") does not
    /// interrupt it.</summary>
    public int MinSpeechMs { get; set; } = 300;

    /// <summary>Whether speech over the assistant interrupts it at all.</summary>
    public bool Enabled { get; set; } = true;
}
