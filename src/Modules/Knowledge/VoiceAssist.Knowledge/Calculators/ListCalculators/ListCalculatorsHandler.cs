using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.ListCalculators;

internal sealed class ListCalculatorsHandler : IRequestHandler<Contracts.Calculators.ListCalculators, IReadOnlyList<CalculatorDescriptor>>
{
    private static readonly IReadOnlyList<CalculatorDescriptor> Catalog = [.. CalculatorCatalog.All.Select(CalculatorCatalog.Describe)];

    public Task<IReadOnlyList<CalculatorDescriptor>> Handle(Contracts.Calculators.ListCalculators request, CancellationToken cancellationToken) =>
        Task.FromResult(Catalog);
}
