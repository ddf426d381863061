using VoiceAssist.BuildingBlocks.Contracts.Messaging;

namespace VoiceAssist.Knowledge.Contracts;

/// <summary>How many documents the knowledge base holds right now.</summary>
public sealed record GetKnowledgeBaseSize : IQuery<KnowledgeBaseSize>;

public sealed record KnowledgeBaseSize(int Documents, long Characters);
