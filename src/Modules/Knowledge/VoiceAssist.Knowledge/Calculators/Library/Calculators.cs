using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Calculators.RenalDosing;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>The list of calculators, in catalog order.</summary>
internal static class Calculators
{
    public static IReadOnlyList<Calculator> Create() =>
    [
        new Cha2ds2VascCalculator(),
        new HasBledCalculator(),
        new HeartScoreCalculator(),
        new RevisedCardiacRiskIndexCalculator(),
        new GraceCalculator(),
        new Grace6MonthCalculator(),
        new FraminghamCalculator(),
        .. Enum.GetValues<QtcCalculator.Formula>().Select(f => new QtcCalculator(f)),
        new MeanArterialPressureCalculator(),
        new FriedewaldLdlCalculator(),
        new WellsDvtCalculator(),
        new WellsPeCalculator(),
        new PercCalculator(),
        new CapriniCalculator(),
        new Curb65Calculator(),
        new PneumoniaSeverityIndexCalculator(),
        new CentorCalculator(),
        new FeverPainCalculator(),
        new GlasgowComaScaleCalculator(),
        new QsofaCalculator(),
        new SirsCalculator(),
        new News2Calculator(),
        new SofaCalculator(),
        new ApacheIiCalculator(),
        new CockcroftGaultCalculator(),
        new CkdEpi2021Calculator(),
        new MdrdCalculator(),
        new FractionalExcretionOfSodiumCalculator(),
        new RenalDosingCalculator(),
        new MeldNaCalculator(),
        new ChildPughCalculator(),
        new Fib4Calculator(),
        new GlasgowBlatchfordCalculator(),
        new CharlsonCalculator(),
        new CorrectedCalciumCalculator(),
        .. Enum.GetValues<AnionGapCalculator.Headline>().Select(h => new AnionGapCalculator(h)),
        new SerumOsmolalityCalculator(),
        new FreeWaterDeficitCalculator(),
        new SodiumCorrectionCalculator(),
        new MaintenanceFluidsCalculator(),
        new HomaIrCalculator(),
        new BodyMassIndexCalculator(),
        new BodySurfaceAreaCalculator(),
        new IdealBodyWeightCalculator(),
        new AdjustedBodyWeightCalculator(),
        new TargetWeightCalculator(),
        new MorphineEquivalentsCalculator(),
        new SteroidConversionCalculator(),
        .. Enum.GetValues<PregnancyDatingCalculator.Headline>().Select(h => new PregnancyDatingCalculator(h)),
    ];
}
