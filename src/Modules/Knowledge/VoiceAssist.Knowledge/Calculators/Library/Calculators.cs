using VoiceAssist.Knowledge.Calculators.Engine;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>The list of calculators, in catalog order.</summary>
internal static class Calculators
{
    public static IReadOnlyList<Calculator> Create() =>
    [
        new BodyMassIndexCalculator(),
        new BodySurfaceAreaCalculator(),
        new IdealBodyWeightCalculator(),
        new AdjustedBodyWeightCalculator(),
        new TargetWeightCalculator(),
        new MaintenanceFluidsCalculator(),
        new CockcroftGaultCalculator(),
        new CkdEpi2021Calculator(),
        new MdrdCalculator(),
        new FractionalExcretionOfSodiumCalculator(),
        new CorrectedCalciumCalculator(),
        .. Enum.GetValues<AnionGapCalculator.Headline>().Select(h => new AnionGapCalculator(h)),
        new SerumOsmolalityCalculator(),
        new FreeWaterDeficitCalculator(),
        new SodiumCorrectionCalculator(),
        new FriedewaldLdlCalculator(),
        new HomaIrCalculator(),
    ];
}
