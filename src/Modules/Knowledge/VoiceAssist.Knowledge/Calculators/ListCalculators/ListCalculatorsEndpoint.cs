using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Knowledge.Calculators.Engine;

namespace VoiceAssist.Knowledge.Calculators.ListCalculators;

/// <summary><c>GET /api/calculators</c> (the catalog) and <c>GET /api/calculators/{id}</c> (one entry).</summary>
internal static class ListCalculatorsEndpoint
{
    public static void Map(RouteGroupBuilder calculators)
    {
        calculators.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new Contracts.Calculators.ListCalculators(), ct))
            .WithName("ListCalculators");
        calculators.MapGet("/{id}", (string id) =>
                CalculatorCatalog.Find(id) is { } calculator ? CalculatorCatalog.Describe(calculator) : throw new NotFoundException("Calculator", id))
            .WithName("DescribeCalculator")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
