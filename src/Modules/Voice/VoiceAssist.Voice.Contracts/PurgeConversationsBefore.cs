using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Voice.Contracts;

/// <summary>Deletes every conversation (with its turns) whose last activity is before <paramref name="Cutoff"/>,
/// except the conversations of the held owners and the held conversations: the retention purge, sent by Compliance.</summary>
/// <param name="Cutoff">Conversations last active before this instant go.</param>
/// <param name="HeldOwnerIds">Owners under legal hold: none of their conversations is deleted.</param>
/// <param name="HeldConversationIds">Conversations under legal hold.</param>
public sealed record PurgeConversationsBefore(DateTimeOffset Cutoff, IReadOnlyList<string> HeldOwnerIds, IReadOnlyList<Guid> HeldConversationIds)
    : ICommand<ConversationsPurged>;

public sealed record ConversationsPurged(int Conversations, int Turns);
