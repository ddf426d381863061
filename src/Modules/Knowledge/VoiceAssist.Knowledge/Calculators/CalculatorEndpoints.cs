using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.Knowledge.Calculators.ListCalculators;
using VoiceAssist.Knowledge.Calculators.RunCalculator;

namespace VoiceAssist.Knowledge.Calculators;

internal static class CalculatorEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var calculators = endpoints.MapGroup("/api/calculators").WithTags("Calculators");
        ListCalculatorsEndpoint.Map(calculators);
        RunCalculatorEndpoint.Map(calculators);
    }
}
