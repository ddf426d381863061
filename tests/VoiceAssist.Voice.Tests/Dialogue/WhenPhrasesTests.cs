using VoiceAssist.Voice.Dialogue.Calendar;
using VoiceAssist.Voice.Dialogue.Understanding;

namespace VoiceAssist.Voice.Tests.Dialogue;

/// <summary>Relative days and clock times resolved in the owner's zone, on both sides of a change of the clocks.</summary>
public sealed class WhenPhrasesTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Saturday 27 March 2027, 10:00 GMT: the clocks in London go forward at 01:00 on Sunday 28 March.
    private static readonly DateTimeOffset SaturdayMorning = new(2027, 3, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tomorrow_is_the_23_hour_day_the_clocks_go_forward_and_monday_starts_at_midnight_summer_time()
    {
        var tomorrow = WhenPhrases.Span(Text("what's on my calendar tomorrow"), SaturdayMorning, London)!;
        var monday = WhenPhrases.Span(Text("what's on my calendar on Monday"), SaturdayMorning, London)!;

        tomorrow.From.Should().Be(new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.Zero));
        tomorrow.To.Should().Be(new DateTimeOffset(2027, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)));
        (tomorrow.To - tomorrow.From).Should().Be(TimeSpan.FromHours(23));
        monday.From.Should().Be(new DateTimeOffset(2027, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)));
        monday.Spoken.Should().Be("on Monday 29 March");
    }

    [Fact]
    public void Tomorrow_at_3_is_3_pm_local_time_after_the_change()
    {
        var text = Text("schedule a meeting with the renal team tomorrow at 3 for half an hour");
        var day = WhenPhrases.Day(text, new DateOnly(2027, 3, 27))!.Value.Date;
        var time = WhenPhrases.Time(text)!.Value;

        var start = WhenPhrases.At(day, time.Hour, time.Minute, London);

        start.Should().Be(new DateTimeOffset(2027, 3, 28, 15, 0, 0, TimeSpan.FromHours(1)));
        start.UtcDateTime.Hour.Should().Be(14);
        WhenPhrases.Length(text).Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void This_afternoon_in_new_york_across_its_earlier_change()
    {
        // New York changes on Sunday 14 March 2027; on Monday 15 March at 9 am local time the offset is -4.
        var now = new DateTimeOffset(2027, 3, 15, 13, 0, 0, TimeSpan.Zero);

        var afternoon = WhenPhrases.Span(Text("what's on my calendar this afternoon"), now, NewYork)!;

        afternoon.From.Should().Be(new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.FromHours(-4)));
        afternoon.To.Should().Be(new DateTimeOffset(2027, 3, 15, 18, 0, 0, TimeSpan.FromHours(-4)));
        afternoon.Spoken.Should().Be("this afternoon");
    }

    [Theory]
    [InlineData("move my 4 o'clock to 5", 16, 0)]
    [InlineData("at 3", 15, 0)]
    [InlineData("at 9", 9, 0)]
    [InlineData("at 9 pm", 21, 0)]
    [InlineData("at 12 am", 0, 0)]
    [InlineData("at 15:30", 15, 30)]
    [InlineData("by 5 pm", 17, 0)]
    [InlineData("at noon", 12, 0)]
    [InlineData("at 11.45", 11, 45)]
    public void Clock_times(string said, int hour, int minute) =>
        WhenPhrases.Time(Text(said)).Should().Be((hour, minute));

    [Theory]
    [InlineData("for half an hour", 30)]
    [InlineData("for an hour", 60)]
    [InlineData("for 45 minutes", 45)]
    [InlineData("for 2 hours", 120)]
    public void Lengths(string said, int? minutes) =>
        WhenPhrases.Length(Text(said)).Should().Be(minutes is { } m ? TimeSpan.FromMinutes(m) : null);

    [Fact]
    public void A_time_the_clocks_skip_moves_on_by_the_gap()
    {
        WhenPhrases.At(new DateOnly(2027, 3, 28), 1, 30, London).Should().Be(new DateTimeOffset(2027, 3, 28, 2, 30, 0, TimeSpan.FromHours(1)));
    }

    private static string Text(string said) => Utterance.Of(said).Text;
}
