using VoiceAssist.Testing;

namespace VoiceAssist.Voice.Tests.Conversations;

/// <summary>Scripted conversations through the real host that end in a calculator result: inputs read from natural
/// language, one clarifying question at a time for what is missing, follow-ups and corrections that recompute.</summary>
public sealed class CalculatorDialogueTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_72_year_old_woman_with_hypertension_and_diabetes_scores_4_on_CHA2DS2_VASc()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("What's the CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes?");

        turn.Intent.Should().Be("calculator");
        turn.CalculatorId.Should().Be("cha2ds2-vasc");
        turn.Value.Should().Be(4);
        turn.Slot("age").Should().Be("72");
        turn.Slot("sex").Should().Be("female");
        turn.Slot("hypertension").Should().Be("true");
        turn.Slot("diabetes").Should().Be("true");
        turn.Calculator!.Value.GetProperty("category").GetString().Should().Be("High");
        turn.Calculator!.Value.GetProperty("sources").GetArrayLength().Should().BeGreaterThan(0);
        turn.Calculator!.Value.GetProperty("breakdown").GetArrayLength().Should().Be(7);
        turn.Reply.Should().Contain("4 points");
        turn.ClarifyingQuestion.Should().BeNull();
    }

    [Fact]
    public async Task A_criterion_lost_to_a_misheard_word_is_named_as_counted_absent_and_the_numbers_used_are_read_back()
    {
        var chat = await Chat.Start(client);

        // "hypertension" as a speech recogniser once heard it
        var turn = await chat.Say("HAS-BLED for a 70 year old who had henson, a prior stroke, and takes aspirin");

        turn.CalculatorId.Should().Be("has-bled");
        turn.Value.Should().Be(3, "age over 65, prior stroke and antiplatelet drugs");
        turn.Reply.Should().Contain("Using age 70.");
        turn.Reply.Should().Contain("Not mentioned, so counted as absent: hypertension, abnormal renal function, abnormal liver function");
        var absent = turn.Calculator!.Value.GetProperty("assumedAbsent").EnumerateArray().Select(a => a.GetString()).ToList();
        absent.Should().Contain(["hypertension", "labile INR", "alcohol use"]);
        absent.Should().NotContain(["prior stroke", "drugs predisposing to bleeding"], "those were mentioned");
    }

    [Fact]
    public async Task Criteria_said_to_be_absent_are_not_reported_as_unmentioned()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("What's the CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes, no heart failure?");

        turn.Value.Should().Be(4);
        var absent = turn.Calculator!.Value.GetProperty("assumedAbsent").EnumerateArray().Select(a => a.GetString()).ToList();
        absent.Should().BeEquivalentTo(["prior stroke, TIA or thromboembolism", "vascular disease"]);
        turn.Reply.Should().Contain("Using age 72, sex female.");
    }

    [Fact]
    public async Task Chads_vasc_said_loosely_with_spoken_numbers_and_shorthand_is_understood()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("chads vasc, seventy six yo M, h/o CHF");

        turn.CalculatorId.Should().Be("cha2ds2-vasc");
        turn.Slot("age").Should().Be("76");
        turn.Slot("sex").Should().Be("male");
        turn.Slot("chf").Should().Be("true");
        turn.Value.Should().Be(3, "age 75 or over scores 2 and heart failure 1");
    }

    [Fact]
    public async Task The_six_month_grace_score_is_told_apart_from_the_in_hospital_one_and_asks_whether_a_pci_was_done()
    {
        var chat = await Chat.Start(client);

        var first = await chat.Say("GRACE six month score: 72 year old, heart rate 95, systolic 110, creatinine 1.7, history of MI");

        first.Understood.GetProperty("calculatorId").GetString().Should().Be("grace-6-month");
        first.ClarifyingQuestion.Should().Be("Did the patient have a PCI during this admission?");
        first.Calculator.Should().BeNull();

        var second = await chat.Say("no");

        second.CalculatorId.Should().Be("grace-6-month");
        second.Value.Should().Be(73 + 14 + 18 + 9 + 12 + 14, "age 70-79, pulse 90-109, SBP 100-119, creatinine 1.6-1.99, prior MI and no PCI");
        second.Calculator!.Value.GetProperty("category").GetString().Should().Be("High");
    }

    [Fact]
    public async Task Missing_age_and_sex_are_asked_for_one_at_a_time_and_the_answers_fill_them()
    {
        var chat = await Chat.Start(client);

        var first = await chat.Say("Calculate CHA2DS2-VASc for a patient with hypertension");
        first.ClarifyingQuestion.Should().Be("How old is the patient?");
        first.Reply.Should().Contain("age");
        first.Calculator.Should().BeNull();

        var second = await chat.Say("72");
        second.ClarifyingQuestion.Should().Be("Is the patient male or female?");
        second.Slot("age").Should().Be("72");

        var third = await chat.Say("female");
        third.Value.Should().Be(3, "age 65-74, female and hypertension score 1 each");
        third.ClarifyingQuestion.Should().BeNull();
    }

    [Fact]
    public async Task And_if_she_also_had_a_prior_stroke_recomputes_with_the_changed_criterion()
    {
        var chat = await Chat.Start(client);
        (await chat.Say("CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes")).Value.Should().Be(4);

        var followUp = await chat.Say("and if she also had a prior stroke?");

        followUp.CalculatorId.Should().Be("cha2ds2-vasc");
        followUp.Slot("strokeTia").Should().Be("true");
        followUp.Value.Should().Be(6);
    }

    [Fact]
    public async Task A_corrected_age_replaces_the_old_one_and_the_score_is_recomputed()
    {
        var chat = await Chat.Start(client);
        (await chat.Say("CHA2DS2-VASc for a 76 year old woman with hypertension")).Value.Should().Be(4);

        var corrected = await chat.Say("sorry, she's 67, not 76");

        corrected.Slot("age").Should().Be("67");
        corrected.Value.Should().Be(3);
    }

    [Fact]
    public async Task Negated_history_scores_nothing_and_is_shown_as_absent()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("CHA2DS2-VASc: 70 year old man with hypertension, no prior stroke, denies diabetes");

        turn.Slot("strokeTia").Should().Be("false");
        turn.Slot("diabetes").Should().Be("false");
        turn.Slot("hypertension").Should().Be("true");
        turn.Value.Should().Be(2);
    }

    [Fact]
    public async Task A_negation_covers_every_finding_listed_after_it()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("CHA2DS2-VASc for an 80 year old woman, no history of stroke or TIA or heart failure, but has diabetes");

        turn.Slot("strokeTia").Should().Be("false");
        turn.Slot("chf").Should().Be("false");
        turn.Slot("diabetes").Should().Be("true");
        turn.Value.Should().Be(4, "age 75 or over 2, female 1, diabetes 1");
    }

    [Fact]
    public async Task HAS_BLED_counts_aspirin_as_a_bleeding_drug_and_history_of_stroke()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("HAS-BLED for a 70 year old on aspirin with labile INR and h/o stroke, denies bleeding");

        turn.CalculatorId.Should().Be("has-bled");
        turn.Slot("drugs").Should().Be("true");
        turn.Slot("labileInr").Should().Be("true");
        turn.Slot("stroke").Should().Be("true");
        turn.Slot("bleeding").Should().Be("false");
        turn.Value.Should().Be(4);
    }

    [Fact]
    public async Task An_NSAID_named_by_its_drug_name_counts_for_HAS_BLED()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("has bled score, 60 years old, takes ibuprofen daily");

        turn.Slot("drugs").Should().Be("true");
        turn.Value.Should().Be(1);
    }

    [Fact]
    public async Task RCRI_counts_insulin_named_by_brand_and_a_history_of_heart_failure()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("RCRI for high risk surgery in a patient on Lantus with a history of heart failure");

        turn.CalculatorId.Should().Be("rcri");
        turn.Slot("insulin").Should().Be("true");
        turn.Slot("heartFailure").Should().Be("true");
        turn.Slot("highRiskSurgery").Should().Be("true");
        turn.Value.Should().Be(3);
    }

    [Fact]
    public async Task Creatinine_clearance_asks_for_weight_then_creatinine_and_accepts_spoken_answers()
    {
        var chat = await Chat.Start(client);

        var first = await chat.Say("What's the creatinine clearance for a 72-year-old woman?");
        first.CalculatorId.Should().BeNull();
        first.ClarifyingQuestion.Should().Be("What does the patient weigh?");

        var second = await chat.Say("she weighs 60 kg");
        second.Slot("weight").Should().Be("60 kg");
        second.ClarifyingQuestion.Should().Be("What is the patient's serum creatinine?");

        var third = await chat.Say("1.2");
        third.CalculatorId.Should().Be("cockcroft-gault");
        third.Value.Should().BeApproximately(40.1, 0.1);
    }

    [Fact]
    public async Task Creatinine_in_micromoles_and_weight_in_kilos_are_converted()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("creatinine clearance, 72 yo F, weighs 60 kilos, creatinine of 106 micromoles");

        turn.Slot("creatinine").Should().Be("106 µmol/L");
        turn.Slot("weight").Should().Be("60 kg");
        turn.Value.Should().BeApproximately(40.2, 0.1);
    }

    [Fact]
    public async Task Weight_in_pounds_is_read_from_its_unit_alone()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("CrCl for a woman aged 72, 132 pounds, creatinine 1.2");

        turn.Slot("weight").Should().Be("132 lb");
        turn.Value.Should().BeApproximately(40.1, 0.1);
    }

    [Fact]
    public async Task EGFR_from_spoken_numbers_uses_CKD_EPI_2021()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("eGFR for a seventy two year old woman, creatinine one point four");

        turn.CalculatorId.Should().Be("ckd-epi-2021");
        turn.Slot("creatinine").Should().Be("1.4");
        turn.Value.Should().BeApproximately(40.0, 0.5);
    }

    [Fact]
    public async Task Blood_pressure_said_as_150_over_90_gives_a_mean_arterial_pressure_of_110()
    {
        var chat = await Chat.Start(client);

        var spoken = await chat.Say("mean arterial pressure, BP 150 over 90");
        var written = await (await Chat.Start(client)).Say("MAP for 150/90");

        spoken.Slot("systolicBp").Should().Be("150");
        spoken.Slot("diastolicBp").Should().Be("90");
        spoken.Value.Should().Be(110);
        written.Value.Should().Be(110);
    }

    [Fact]
    public async Task A_heart_rate_of_110_and_QT_of_400_ms_give_a_markedly_prolonged_QTc()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("QTc with a QT of 400 ms and heart rate 110");

        turn.CalculatorId.Should().Be("qtc-bazett");
        turn.Slot("heartRate").Should().Be("110");
        turn.Value.Should().BeApproximately(541.6, 0.1);
        turn.Calculator!.Value.GetProperty("category").GetString().Should().Be("Markedly prolonged");
    }

    [Fact]
    public async Task Wells_score_for_DVT_adds_each_criterion_mentioned()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("Wells score for DVT: active cancer, calf swelling and a previous DVT");

        turn.CalculatorId.Should().Be("wells-dvt");
        turn.Value.Should().Be(3);
    }

    [Fact]
    public async Task Wells_alone_is_asked_about_and_the_answer_picks_the_calculator()
    {
        var chat = await Chat.Start(client);

        var question = await chat.Say("wells score please");
        question.ClarifyingQuestion.Should().Contain("DVT").And.Contain("pulmonary embolism");

        var criteria = await chat.Say("the DVT one");
        criteria.Understood.GetProperty("calculatorId").GetString().Should().Be("wells-dvt");
        criteria.ClarifyingQuestion.Should().Be("Which of these apply?");

        var result = await chat.Say("active cancer and bedridden for a week");
        result.Value.Should().Be(2);
    }

    [Fact]
    public async Task An_impossible_age_is_questioned_again_rather_than_scored()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("CHA2DS2-VASc for a 200 year old woman");

        turn.Calculator.Should().BeNull();
        turn.ClarifyingQuestion.Should().Be("How old is the patient?");

        (await chat.Say("82")).Value.Should().Be(3);
    }

    [Fact]
    public async Task The_next_calculator_reuses_the_patients_age_but_not_yes_no_criteria()
    {
        var chat = await Chat.Start(client);
        (await chat.Say("CHA2DS2-VASc for a 72-year-old woman with hypertension")).Value.Should().Be(3);

        var next = await chat.Say("now the HAS-BLED");

        next.CalculatorId.Should().Be("has-bled");
        next.Slot("age").Should().Be("72");
        next.Slot("hypertension").Should().BeNull("HAS-BLED's hypertension means uncontrolled hypertension");
        next.Reply.Should().Contain("from earlier");
        next.Value.Should().Be(1);
    }

    [Fact]
    public async Task An_intubated_patients_gcs_is_asked_for_component_by_component_and_reported_without_a_total()
    {
        // Glasgow structured approach (glasgowcomascale.org FAQ): the verbal response of an intubated patient is not
        // testable (NT), not 1, and no total score is reported.
        var chat = await Chat.Start(client);

        var first = await chat.Say("Glasgow coma scale please");
        first.ClarifyingQuestion.Should().Contain("eyes");
        var second = await chat.Say("to voice");
        second.ClarifyingQuestion.Should().Contain("verbal response").And.Contain("not testable");

        var third = await chat.Say("he's intubated");
        third.Slot("verbal").Should().Be("not-testable");
        third.ClarifyingQuestion.Should().Contain("motor response");

        var result = await chat.Say("localises pain");
        result.CalculatorId.Should().Be("gcs");
        result.Calculator!.Value.GetProperty("displayValue").GetString().Should().Be("E3 VT M5");
        result.Calculator!.Value.GetProperty("value").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        result.Reply.Should().StartWith("Glasgow Coma Scale: E3 VT M5.").And.Contain("no total score").And.NotContain("points");
    }

    [Fact]
    public async Task A_measured_result_carries_its_full_precision_value_and_the_rounded_one_it_displays()
    {
        var chat = await Chat.Start(client);

        var turn = await chat.Say("BMI for weight 70 kg and height 175 cm");

        var calculator = turn.Calculator!.Value;
        calculator.GetProperty("value").GetDouble().Should().BeApproximately(70 / (1.75 * 1.75), 1e-9);
        calculator.GetProperty("roundedValue").GetDouble().Should().Be(22.9);
        calculator.GetProperty("displayValue").GetString().Should().Be("22.9 kg/m²");
        turn.Reply.Should().Contain("22.9 kg/m²").And.NotContain("kg/m² kg/m²");
    }
}
