namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class MedicationAndObstetricsTests
{
    [Fact]
    public void Mme_of_oxycodone_10_mg_four_times_a_day_and_a_25_microgram_fentanyl_patch_is_120()
    {
        var result = Calc.Run("mme", ("oxycodoneDose", "10 mg"), ("oxycodoneDosesPerDay", "4"), ("fentanylPatchDose", "25 mcg/hr"));

        result.Value.Should().Be(120);
        result.Category.Should().Be("≥ 90 MME/day");
        result.Breakdown.Should().HaveCount(2);
    }

    [Fact]
    public void Mme_uses_cdc_2022_factors_unless_2016_is_asked_for()
    {
        Calc.Value("mme", ("hydromorphoneDose", "2"), ("hydromorphoneDosesPerDay", "3")).Should().Be(30);
        Calc.Value("mme", ("hydromorphoneDose", "2"), ("hydromorphoneDosesPerDay", "3"), ("guideline", "2016")).Should().Be(24);
        Calc.Value("mme", ("methadoneDose", "10"), ("methadoneDosesPerDay", "3")).Should().Be(141);
        Calc.Value("mme", ("methadoneDose", "10"), ("methadoneDosesPerDay", "3"), ("guideline", "cdc-2016")).Should().Be(240);
        Calc.Value("mme", ("tramadol", "50 mg"), ("tramadolDosesPerDay", "4")).Should().Be(40);
    }

    [Fact]
    public void Mme_needs_at_least_one_opioid() =>
        Calc.Errors("mme").Should().ContainKey("inputs.morphineDose");

    [Theory]
    [InlineData("prednisone", "40", "dexamethasone", 6)]
    [InlineData("prednisone", "40", "methylprednisolone", 32)]
    [InlineData("hydrocortisone", "100", "prednisolone", 25)]
    [InlineData("dexamethasone", "4", "hydrocortisone", 106.67)]
    [InlineData("Solu-Medrol", "125", "prednisone", 156.25)]
    public void Steroid_conversion_uses_equivalent_glucocorticoid_doses(string from, string dose, string to, double expected) =>
        Calc.Value("steroid-conversion", ("fromSteroid", from), ("dose", dose), ("toSteroid", to)).Should().Be(expected);

    [Fact]
    public void Due_date_is_280_days_after_the_last_period_adjusted_for_cycle_length()
    {
        Calc.Run("due-date", ("lastMenstrualPeriod", "2024-01-01")).DisplayValue.Should().Be("2024-10-07");
        Calc.Run("due-date", ("lmp", "01/01/2024"), ("cycleLength", "32")).DisplayValue.Should().Be("2024-10-11");
    }

    [Fact]
    public void Conception_date_is_two_weeks_after_the_last_period_in_a_28_day_cycle() =>
        Calc.Run("conception-date", ("lastMenstrualPeriod", "2024-01-01")).DisplayValue.Should().Be("2024-01-15");

    [Fact]
    public void Gestational_age_is_given_in_weeks_and_days()
    {
        var result = Calc.Run("gestational-age", ("lastMenstrualPeriod", "2024-01-01"), ("currentDate", "2024-08-01"));

        result.DisplayValue.Should().Be("30 weeks 3 days");
        result.Output("weeks").Should().Be(30);
        result.Output("days").Should().Be(3);
        result.Category.Should().Be("Third trimester");
    }

    [Fact]
    public void Gestational_age_rejects_a_last_period_after_the_assessment_date() =>
        Calc.Errors("gestational-age", ("lastMenstrualPeriod", "2024-09-01"), ("currentDate", "2024-08-01")).Should().ContainKey("inputs.lastMenstrualPeriod");

    [Fact]
    public void Dates_that_cannot_be_read_are_rejected() =>
        Calc.Errors("due-date", ("lastMenstrualPeriod", "last spring"))["inputs.lastMenstrualPeriod"].Should().Contain("2025-03-14");
}
