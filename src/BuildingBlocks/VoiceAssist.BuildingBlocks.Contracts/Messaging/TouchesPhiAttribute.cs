namespace VoiceAssist.BuildingBlocks.Contracts.Messaging;

/// <summary>Marks a request whose handling reads or writes protected health information, so the pipeline audits it
/// and never logs its content.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TouchesPhiAttribute : Attribute;
