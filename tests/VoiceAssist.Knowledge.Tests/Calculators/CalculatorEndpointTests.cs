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
