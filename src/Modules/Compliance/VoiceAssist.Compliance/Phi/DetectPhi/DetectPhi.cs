using FluentValidation;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Compliance.Phi.DetectPhi;

internal sealed class DetectPhiValidator : AbstractValidator<Contracts.DetectPhi>
{
    public DetectPhiValidator(IOptions<PhiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(r => r.Text).NotEmpty().MaximumLength(options.Value.MaxTextLength);
    }
}

internal sealed class DetectPhiHandler(PhiDetector detector) : IRequestHandler<Contracts.DetectPhi, PhiDetection>
{
    public Task<PhiDetection> Handle(Contracts.DetectPhi request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var findings = detector.Detect(request.Text)
            .Select(s => new PhiFinding(s.Start, s.End, s.Type, Math.Round(s.Confidence, 2), request.Text[s.Start..s.End]))
            .ToList();
        return Task.FromResult(new PhiDetection(findings));
    }
}
