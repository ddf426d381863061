using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceAssist.Testing;

namespace VoiceAssist.Knowledge.Tests.Calculators;

public sealed class CalculatorEndpointTests(VoiceAssistFactory factory) : IClassFixture<VoiceAssistFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task The_catalog_lists_each_calculator_with_its_inputs_units_ranges_and_source()
    {
        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/calculators");

        var crcl = catalog.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "cockcroft-gault");
        var creatinine = crcl.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "creatinine");
        creatinine.GetProperty("unit").GetString().Should().Be("mg/dL");
        creatinine.GetProperty("acceptedUnits").EnumerateArray().Select(u => u.GetString()).Should().Contain("µmol/L");
        creatinine.GetProperty("minimum").GetDouble().Should().Be(0.1);
        creatinine.GetProperty("prompt").GetString().Should().EndWith("?");
        crcl.GetProperty("sources")[0].GetProperty("pmid").GetString().Should().Be("1244564");
        catalog.GetArrayLength().Should().BeGreaterThan(50);
    }

    [Fact]
    public async Task A_calculation_accepts_values_with_units_and_returns_value_category_breakdown_and_citation()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/ckd-epi-2021", new
        {
            inputs = new Dictionary<string, object>
            {
                ["age"] = 70,
                ["sex"] = "male",
                ["creatinine"] = new { value = 176.8, unit = "umol/L" },
            },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("value").GetDouble().Should().BeApproximately(35.2, 0.05);
        result.GetProperty("unit").GetString().Should().Be("mL/min/1.73 m²");
        result.GetProperty("category").GetString().Should().Be("G3b");
        result.GetProperty("sources")[0].GetProperty("doi").GetString().Should().Be("10.1056/NEJMoa2102953");
    }

    [Fact]
    public async Task A_score_returns_its_points_breakdown()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/cha2ds2-vasc", new { inputs = new { age = "72 years", sex = "F", hypertension = "yes", diabetes = true } });

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("value").GetDouble().Should().Be(4);
        result.GetProperty("breakdown").EnumerateArray().Sum(b => b.GetProperty("points").GetDouble()).Should().Be(4);
    }

    [Fact]
    public async Task The_value_is_full_precision_and_the_rounded_value_is_what_the_display_shows()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/delta-ratio", new { inputs = new { sodium = 140, chloride = 113.676, bicarbonate = 14 } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("value").GetDouble().Should().BeApproximately(0.0324, 1e-9);
        result.GetProperty("roundedValue").GetDouble().Should().Be(0.03);
        result.GetProperty("displayValue").GetString().Should().Be("0.03");
        var gap = result.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "anionGap");
        gap.GetProperty("value").GetDouble().Should().BeApproximately(12.324, 1e-9);
        gap.GetProperty("roundedValue").GetDouble().Should().Be(12.3);
    }

    [Fact]
    public async Task A_sofa_breakdown_names_the_inputs_that_decided_each_organ()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/sofa", new { inputs = new { pao2 = 400, fio2 = 21, platelets = 200, gcs = 15, bilirubin = 0.8, dobutamine = 5, urineOutput = "150 mL/day" } });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var breakdown = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("breakdown").EnumerateArray()
            .ToDictionary(b => b.GetProperty("criterion").GetString()!, b => b.GetProperty("decidedBy").EnumerateArray().Select(d => d.GetString()).ToList());
        breakdown["Cardiovascular (MAP or vasopressors)"].Should().Equal("dobutamine");
        breakdown["Renal (creatinine or urine output)"].Should().Equal("urineOutput");
        breakdown["Coagulation (platelets)"].Should().Equal("platelets");
    }

    [Fact]
    public async Task An_impossible_input_is_a_400_problem_naming_the_field_and_its_range()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/ckd-epi-2021", new { inputs = new { age = 70, sex = "male", creatinine = 150 } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("inputs.creatinine")[0].GetString().Should().Contain("between 0.1 and 40 mg/dL");
    }

    [Fact]
    public async Task A_missing_input_is_a_400_problem_naming_the_field()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/bmi", new { inputs = new { weight = "70 kg" } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("inputs.height")[0].GetString().Should().Contain("required");
    }

    [Fact]
    public async Task An_unknown_calculator_is_a_404_problem()
    {
        var response = await client.PostAsJsonAsync("/api/calculators/astrology-score", new { inputs = new { age = 40 } });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await client.GetAsync("/api/calculators/astrology-score")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
