using VoiceAssist.Knowledge.Calculators.Engine;
using VoiceAssist.Knowledge.Contracts.Calculators;

namespace VoiceAssist.Knowledge.Calculators.Library;

/// <summary>Pregnancy dating from the last menstrual period. One class registered per headline: due date, gestational
/// age or conception date.</summary>
internal sealed class PregnancyDatingCalculator(PregnancyDatingCalculator.Headline headline) : Calculator
{
    internal enum Headline
    {
        DueDate,
        GestationalAge,
        ConceptionDate,
    }

    public override string Id => headline switch
    {
        Headline.DueDate => "due-date",
        Headline.GestationalAge => "gestational-age",
        _ => "conception-date",
    };

    public override string Name => headline switch
    {
        Headline.DueDate => "Estimated due date (Naegele's rule)",
        Headline.GestationalAge => "Gestational age from the last menstrual period",
        _ => "Estimated date of conception",
    };

    public override string Description => headline switch
    {
        Headline.DueDate => "Due date = first day of the last menstrual period + 280 days, adjusted by (cycle length − 28) days.",
        Headline.GestationalAge => "Gestational age = days from the first day of the last menstrual period to the given date, in weeks and days.",
        _ => "Conception ≈ ovulation = first day of the last menstrual period + (cycle length − 14) days (day 14 of a 28-day cycle).",
    };

    public override string Category => "Obstetrics";
    public override string ResultUnit => headline == Headline.GestationalAge ? "weeks" : "date";

    public override IReadOnlyList<string> Aliases => headline switch
    {
        Headline.DueDate => ["edd", "estimated-due-date", "naegele", "pregnancy-due-date"],
        Headline.GestationalAge => ["estimated-gestational-age", "ga", "gestational-age-lmp"],
        _ => ["estimated-conception-date", "conception"],
    };

    public override IReadOnlyList<InputSpec> Inputs => headline == Headline.GestationalAge
        ? [LastPeriod, In.Date("currentDate", "Date of assessment", "What is today's date?", "today", "date", "current date", "assessment date").Optional().WithHelp("Defaults to today's date (UTC).")]
        : [LastPeriod, CycleLength];

    private static InputSpec LastPeriod { get; } = In.Date("lastMenstrualPeriod", "First day of the last menstrual period", "When did the patient's last menstrual period start?", "lmp", "last menstrual period", "last period", "menstrual date", "last menstrual period date");

    private static InputSpec CycleLength { get; } = In.Number("cycleLength", "Menstrual cycle length", Quantities.Days, 20, 45, "How long is the patient's menstrual cycle, in days?", "cycle length", "cycle", "cycle days").Optional(28.0);

    public override IReadOnlyList<CalculatorSource> Sources { get; } =
    [
        new("American College of Obstetricians and Gynecologists. Committee Opinion No. 700: Methods for Estimating the Due Date. Obstet Gynecol. 2017;129(5):e150-e154.", Pmid: "28426621"),
    ];

    public override IReadOnlyList<string> Notes { get; } =
        ["Dating by last menstrual period; an ultrasound in the first trimester takes precedence when the two differ by more than the ACOG thresholds."];

    public override Outcome Calculate(CalculatorArgs args)
    {
        var lmp = args.Date("lastMenstrualPeriod");
        switch (headline)
        {
            case Headline.DueDate:
            {
                var due = lmp.AddDays(280 + (int)Math.Round(args.Number("cycleLength") - 28));
                return Dated(due, "Estimated due date (40 weeks after the last menstrual period, adjusted for cycle length).");
            }

            case Headline.ConceptionDate:
            {
                var conception = lmp.AddDays((int)Math.Round(args.Number("cycleLength") - 14));
                return Dated(conception, "Estimated date of conception (ovulation 14 days before the next expected period).");
            }

            default:
            {
                var today = args.OptionalDate("currentDate") ?? DateOnly.FromDateTime(DateTime.UtcNow);
                var days = today.DayNumber - lmp.DayNumber;
                if (days < 0)
                {
                    throw new CalculatorInputException("lastMenstrualPeriod", "The last menstrual period must be on or before the date of assessment.");
                }

                if (days > 44 * 7)
                {
                    throw new CalculatorInputException("lastMenstrualPeriod", "The last menstrual period is more than 44 weeks before the date of assessment.");
                }

                var (weeks, rest) = (days / 7, days % 7);
                var trimester = weeks < 14 ? "First trimester" : weeks < 28 ? "Second trimester" : "Third trimester";
                return new Outcome(days / 7.0, $"{weeks} weeks {rest} days", trimester, $"Gestational age {weeks} weeks and {rest} days ({trimester.ToLowerInvariant()}).")
                {
                    RoundedValue = Outcome.Round(days / 7.0, 2),
                    Outputs =
                    [
                        new CalculatorOutput("weeks", "Completed weeks", weeks, "weeks", $"{weeks} weeks"),
                        new CalculatorOutput("days", "Additional days", rest, "days", $"{rest} days"),
                        new CalculatorOutput("totalDays", "Total days", days, "days", $"{days} days"),
                    ],
                };
            }
        }
    }

    private static Outcome Dated(DateOnly date, string interpretation)
    {
        var iso = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new Outcome(null, iso, null, interpretation)
        {
            Outputs = [new CalculatorOutput("date", "Date", null, "date", iso), new CalculatorOutput("usDate", "Date (MM/DD/YYYY)", null, "date", date.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture))],
        };
    }
}
