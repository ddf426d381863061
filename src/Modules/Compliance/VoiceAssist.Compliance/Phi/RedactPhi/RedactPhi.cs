using FluentValidation;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Phi.Redaction;

namespace VoiceAssist.Compliance.Phi.RedactPhi;

internal sealed class RedactPhiValidator : AbstractValidator<Contracts.RedactPhi>
{
    public RedactPhiValidator(IOptions<PhiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(r => r.Text).NotEmpty().MaximumLength(options.Value.MaxTextLength);
        RuleFor(r => r.Style).IsInEnum();
    }
}

internal sealed class RedactPhiHandler(PhiRedactor redactor) : IRequestHandler<Contracts.RedactPhi, RedactedText>
{
    public Task<RedactedText> Handle(Contracts.RedactPhi request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(redactor.Redact(request.Text, request.Style));
    }
}
