using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.RunCalculator;

/// <summary>Answers <see cref="Contracts.Calculators.RunCalculator"/> for this module's endpoint and for other modules.</summary>
internal sealed class RunCalculatorHandler : IRequestHandler<Contracts.Calculators.RunCalculator, CalculatorResult>
{
    public Task<CalculatorResult> Handle(Contracts.Calculators.RunCalculator request, CancellationToken cancellationToken)
    {
        var calculator = CalculatorCatalog.Find(request.CalculatorId) ?? throw new NotFoundException("Calculator", request.CalculatorId);
        return Task.FromResult(CalculatorRunner.Run(calculator, request.Inputs));
    }
}
