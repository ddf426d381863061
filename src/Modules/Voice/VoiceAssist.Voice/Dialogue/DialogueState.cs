using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Dialogue;

/// <summary>What a conversation remembers between turns: the calculator in use and its inputs, the question asked
/// and not yet answered, and the knowledge topic. Stored with the conversation (it holds patient details, so it
/// stays in the Voice schema).</summary>
internal sealed class DialogueState
{
    public string? CalculatorId { get; set; }

    public Dictionary<string, SlotValue> Slots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Numbers and choices about the patient (age, sex, weight, creatinine) kept for the next calculator.
    /// Yes/no criteria are not carried: "hypertension" means any hypertension to CHA₂DS₂-VASc but uncontrolled
    /// hypertension to HAS-BLED.</summary>
    public Dictionary<string, SlotValue> PatientFacts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The calculator input just asked for.</summary>
    public string? AwaitingInput { get; set; }

    /// <summary>Calculators a name could mean ("wells"), while the clinician is asked which.</summary>
    public List<string>? CalculatorChoices { get; set; }

    /// <summary>The words of the turn that raised the pending clarification, to carry on with once it is answered.</summary>
    public string? PendingText { get; set; }

    public string? PendingTermId { get; set; }

    public string? PendingTermPhrase { get; set; }

    /// <summary>The meaning already chosen when a second detail is being asked for (the CKD stage).</summary>
    public int? PendingOption { get; set; }

    public string? KnowledgeQuestion { get; set; }

    public string? KnowledgeQualifier { get; set; }

    public string? KnowledgeTermId { get; set; }

    /// <summary>The conversation so far as the language model sees it, when one is configured: the clinician's
    /// words and the replies, most recent last.</summary>
    public List<HistoryEntry> History { get; set; } = [];

    /// <summary>The calendar's part of the conversation: events last listed, the event spoken about, a change awaiting
    /// a yes.</summary>
    public Calendar.CalendarMemory? Calendar { get; set; }

    public void ClearPending()
    {
        CalculatorChoices = null;
        PendingText = null;
        PendingTermId = null;
        PendingTermPhrase = null;
        PendingOption = null;
    }
}

/// <summary>One message of the conversation kept for the language model: "user" or "assistant" and its text.</summary>
internal sealed record HistoryEntry(string Role, string Text);
