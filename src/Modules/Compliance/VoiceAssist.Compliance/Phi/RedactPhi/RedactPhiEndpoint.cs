using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.Compliance.Contracts;

namespace VoiceAssist.Compliance.Phi.RedactPhi;

/// <summary>The body names the style in words (<c>tags</c>, <c>surrogates</c>, <c>mask</c>), so the wire format does not
/// depend on the enum's numbering.</summary>
internal sealed record RedactPhiBody(string? Text, string? Style);

internal static class RedactPhiEndpoint
{
    public static void Map(RouteGroupBuilder compliance) =>
        compliance.MapPost("/phi/redact", (RedactPhiBody body, ISender sender, CancellationToken ct) =>
                sender.Send(new Contracts.RedactPhi(body.Text!, ParseStyle(body.Style)), ct))
            .WithName(nameof(Contracts.RedactPhi))
            .Produces<RedactedText>()
            .ProducesValidationProblem();

    private static RedactionStyle ParseStyle(string? style) => style?.Trim().ToLowerInvariant() switch
    {
        null or "" or "tags" or "typetags" or "type-tags" => RedactionStyle.TypeTags,
        "surrogates" or "surrogate" => RedactionStyle.Surrogates,
        "mask" or "masking" => RedactionStyle.Mask,
        _ => throw new ValidationException([new ValidationFailure("style", "Style must be one of: tags, surrogates, mask.")]),
    };
}
