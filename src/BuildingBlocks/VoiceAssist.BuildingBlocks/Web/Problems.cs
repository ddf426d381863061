namespace VoiceAssist.BuildingBlocks.Web;

/// <summary>Thrown by a handler when the requested resource does not exist (or must look as if it does not); 404.</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception($"{resource} '{id}' was not found.");

/// <summary>Thrown by a handler when the caller may not act on an existing resource; 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Thrown when a request is well-formed but conflicts with the resource's current state; 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
