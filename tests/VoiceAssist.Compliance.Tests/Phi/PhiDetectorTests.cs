using VoiceAssist.Compliance.Contracts;
using VoiceAssist.Compliance.Phi.Detection;

namespace VoiceAssist.Compliance.Tests.Phi;

public sealed class PhiDetectorTests
{
    private static readonly PhiDetector Detector = new();

    private static List<(string Type, string Text)> Find(string text) =>
        Detector.Detect(text).Select(s => (s.Type, text[s.Start..s.End])).ToList();

    [Theory]
    [InlineData("Dr. Okafor reviewed the films.", "Okafor")]
    [InlineData("Seen today with Priya Raman, MD, in clinic.", "Priya Raman")]
    [InlineData("Her daughter Maria called the ward.", "Maria")]
    [InlineData("Mrs. Rose was comfortable overnight.", "Rose")]
    [InlineData("Plan discussed with John A. Smith at the bedside.", "John A. Smith")]
    [InlineData("Follow up with dr smith next week.", "smith")]
    [InlineData("Emergency contact: Thaddeus Vanderhoeven\n", "Thaddeus Vanderhoeven")]
    [InlineData("Spoke with Zelda Przybylski (daughter) by phone.", "Zelda Przybylski")]
    [InlineData("Electronically signed by Karen Liu, RN", "Karen Liu")]
    public void Finds_names_announced_by_context(string text, string name) =>
        Find(text).Should().Contain((PhiTypes.Name, name));

    [Fact]
    public void Finds_a_name_in_last_first_form_after_a_label()
    {
        var findings = Find("Patient: SMITH, JOHN\nMRN: 4412345");

        findings.Where(f => f.Type == PhiTypes.Name).Select(f => f.Text).Should().BeEquivalentTo("SMITH", "JOHN");
    }

    [Fact]
    public void Finds_every_later_mention_of_a_name_found_once_with_context()
    {
        var findings = Find("Dr. Achterberg saw the patient. Achterberg agreed with the plan.");

        findings.Count(f => f.Type == PhiTypes.Name && f.Text == "Achterberg").Should().Be(2);
    }

    [Theory]
    [InlineData("Long history of Parkinson disease, on Sinemet 25/100 TID.")]
    [InlineData("Known Crohn's disease, Hodgkin lymphoma in remission, and Alzheimer's dementia.")]
    [InlineData("Wilson's disease and Bell's palsy; Graves disease treated in 2015.")]
    [InlineData("Foley catheter removed. Babinski sign negative. Murphy's sign negative.")]
    [InlineData("Lasix 40 mg daily, Coumadin 5 mg, Lipitor 40 mg qhs, Synthroid 75 mcg.")]
    [InlineData("Na 138, K 4.1, Cr 1.2, WBC 8.4, Hgb 11.2, Plt 245, HbA1c 7.2%.")]
    [InlineData("BP 132/78, HR 72, strength 5/5 throughout, 2/6 systolic murmur, pain 3/10.")]
    [InlineData("Quit smoking in 1998. Will continue current regimen. May resume diet.")]
    [InlineData("A 45-year-old man and his 89-year-old father.")]
    [InlineData("Guillain-Barre syndrome, improving. NIHSS 0. GCS 15. Take 1/2 tablet at night.")]
    [InlineData("Now listening on: http://localhost:5080 and 127.0.0.1.")]
    public void Leaves_clinical_terms_drugs_values_and_years_alone(string text) =>
        Find(text).Should().BeEmpty();

    [Theory]
    [InlineData("Admitted 03/14/2021 for pneumonia.", "03/14/2021")]
    [InlineData("Admitted 2021-03-14 for pneumonia.", "2021-03-14")]
    [InlineData("Surgery on March 14, 2021 went well.", "March 14, 2021")]
    [InlineData("Seen 14 Mar 2021 in clinic.", "14 Mar 2021")]
    [InlineData("Follow up on 3/4 with labs.", "3/4")]
    [InlineData("Symptoms began in Jan 2020.", "Jan 2020")]
    [InlineData("Discharged 12-Mar-2019.", "12-Mar-2019")]
    public void Finds_dates_in_common_formats(string text, string date) =>
        Find(text).Should().Contain((PhiTypes.Date, date));

    [Theory]
    [InlineData("A 92-year-old woman with CHF.", "92")]
    [InlineData("Patient aged 95 with dementia.", "95")]
    [InlineData("97 y/o male presents with falls.", "97")]
    public void Finds_ages_over_89(string text, string age) =>
        Find(text).Should().Contain((PhiTypes.Age, age));

    [Theory]
    [InlineData("Call (617) 555-0134 with results.", PhiTypes.Phone, "(617) 555-0134")]
    [InlineData("Cell 617-555-0134.", PhiTypes.Phone, "617-555-0134")]
    [InlineData("Please fax records to 617-555-0199.", PhiTypes.Fax, "617-555-0199")]
    [InlineData("Pager 41872 for questions.", PhiTypes.Phone, "41872")]
    [InlineData("Email j.doe@mailbox.example for results.", PhiTypes.Email, "j.doe@mailbox.example")]
    [InlineData("Records at https://portal.example.org/patient/4411.", PhiTypes.Url, "https://portal.example.org/patient/4411")]
    [InlineData("Login from 192.168.10.24 was blocked.", PhiTypes.Ip, "192.168.10.24")]
    [InlineData("Login from 2001:db8::8a2e:370:7334 was blocked.", PhiTypes.Ip, "2001:db8::8a2e:370:7334")]
    [InlineData("SSN 123-45-6789 on file.", PhiTypes.Ssn, "123-45-6789")]
    [InlineData("Social security number 123456789.", PhiTypes.Ssn, "123456789")]
    [InlineData("MRN: 00412345", PhiTypes.Mrn, "00412345")]
    [InlineData("Medical record number AB-554210 verified.", PhiTypes.Mrn, "AB-554210")]
    [InlineData("Member ID: XKZ123456789", PhiTypes.HealthPlan, "XKZ123456789")]
    [InlineData("Account #: 88812345", PhiTypes.Account, "88812345")]
    [InlineData("Card 4111 1111 1111 1111 on file.", PhiTypes.Account, "4111 1111 1111 1111")]
    [InlineData("Prescriber DEA AB1234563.", PhiTypes.License, "AB1234563")]
    [InlineData("Driver's license K1234567 checked.", PhiTypes.License, "K1234567")]
    [InlineData("Car VIN 1HGCM82633A004352 noted.", PhiTypes.Vehicle, "1HGCM82633A004352")]
    [InlineData("Arrived by car, license plate 7ABC123.", PhiTypes.Vehicle, "7ABC123")]
    [InlineData("Pacemaker serial number PXR123456B.", PhiTypes.Device, "PXR123456B")]
    [InlineData("Lives at 1200 Maple Avenue, Apt 4B with her son.", PhiTypes.Address, "1200 Maple Avenue, Apt 4B")]
    [InlineData("Mail to P.O. Box 1234.", PhiTypes.Address, "P.O. Box 1234")]
    [InlineData("Springfield, IL 62704", PhiTypes.City, "Springfield")]
    [InlineData("Springfield, IL 62704", PhiTypes.State, "IL")]
    [InlineData("Springfield, IL 62704", PhiTypes.Zip, "62704")]
    [InlineData("She lives in Boston with her husband.", PhiTypes.City, "Boston")]
    [InlineData("Moved to Texas last year.", PhiTypes.State, "Texas")]
    [InlineData("Transferred to Mercy General Hospital overnight.", PhiTypes.Hospital, "Mercy General Hospital")]
    [InlineData("Specimen no. S-2023-44871 sent.", PhiTypes.Id, "S-2023-44871")]
    public void Finds_each_identifier_type(string text, string type, string value) =>
        Find(text).Should().Contain((type, value));

    [Theory]
    [InlineData("Card 4111 1111 1111 1112 declined.")]
    [InlineData("Ratio 12.5 and 13.75 noted; version 1.2.3 installed.")]
    public void Rejects_numbers_that_fail_their_checksum_or_shape(string text) =>
        Find(text).Should().NotContain(f => f.Type == PhiTypes.Account || f.Type == PhiTypes.Ip);

    [Fact]
    public void Does_not_call_a_number_with_an_unissuable_area_an_ssn()
    {
        Find("Ref 000-12-3456 and 666-12-3456.").Should().NotContain(f => f.Type == PhiTypes.Ssn);
    }

    [Fact]
    public void Reports_spans_that_point_at_the_identifier_with_a_confidence()
    {
        const string text = "Seen by Dr. Okafor on 03/14/2021.";

        var spans = Detector.Detect(text);

        spans.Should().HaveCount(2);
        spans.Should().OnlyContain(s => s.Confidence > 0.5 && s.Confidence <= 1);
        text[spans[0].Start..spans[0].End].Should().Be("Okafor");
        text[spans[1].Start..spans[1].End].Should().Be("03/14/2021");
    }
}
