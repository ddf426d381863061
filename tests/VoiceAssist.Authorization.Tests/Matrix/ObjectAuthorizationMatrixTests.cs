using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Testing;
using Xunit.Abstractions;

namespace VoiceAssist.Authorization.Tests.Matrix;

/// <summary>OWASP API1 (object level) and API5 (function level) authorization, generated from the running host's own
/// endpoint list: every endpoint whose route takes an object id is called about a fresh object as its owner, another
/// user of the owner's role, a user of each other role, and anonymously. Only the declared callers may succeed.</summary>
public sealed class ObjectAuthorizationMatrixTests(AuthorizationFactory factory, ITestOutputHelper output) : IClassFixture<AuthorizationFactory>
{
    [Fact]
    public void Every_endpoint_that_takes_an_id_declares_who_may_call_it()
    {
        var mapped = MappedObjectEndpoints();
        var declared = ObjectEndpoints.All.Select(e => e.Route).ToHashSet(StringComparer.Ordinal);

        mapped.Should().NotBeEmpty();
        mapped.Where(route => !declared.Contains(route)).Should().BeEmpty(
            "each endpoint with a route parameter needs an entry in ObjectEndpoints saying who may call it");
        declared.Where(route => !mapped.Contains(route)).Should().BeEmpty("an expectation for an endpoint the host no longer maps is stale");
    }

    [Fact]
    public async Task Only_the_declared_callers_succeed_on_each_object_endpoint()
    {
        var mapped = MappedObjectEndpoints();
        var failures = new List<string>();
        var table = new StringBuilder();
        foreach (var endpoint in ObjectEndpoints.All.Where(e => mapped.Contains(e.Route)))
        {
            table.Append(endpoint.Route).Append(':');
            // Refused callers first, so an allowed one changing the object cannot hide what a refused one could do.
            foreach (var caller in Callers.For(endpoint.OwnerRole).OrderBy(c => endpoint.Allowed.Contains(c)))
            {
                var status = await Call(endpoint, caller);
                table.Append(' ').Append(caller).Append('=').Append((int)status);
                var allowed = endpoint.Allowed.Contains(caller);
                var asExpected = allowed
                    ? endpoint.Succeeded(status)
                    : caller == Caller.Anonymous ? status == HttpStatusCode.Unauthorized : endpoint.Refusals.Contains(status);
                if (!asExpected)
                {
                    failures.Add($"{endpoint.Route} as {caller}: {(int)status} but it should be {(allowed ? "allowed" : "refused")}");
                }
            }

            table.AppendLine();
        }

        output.WriteLine(table.ToString());
        failures.Should().BeEmpty();
    }

    private async Task<HttpStatusCode> Call(ObjectEndpoint endpoint, Caller caller)
    {
        var owner = await factory.CreateSignedInUser(endpoint.OwnerRole);
        var request = await endpoint.Arrange(factory, owner);
        var client = caller switch
        {
            Caller.Owner => owner.Client,
            Caller.SameRole => (await factory.CreateSignedInUser(endpoint.OwnerRole)).Client,
            Caller.Anonymous => factory.CreateClient(),
            _ => (await factory.UserOf(Callers.RoleOf(caller)!)).Client,
        };
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is not null)
        {
            message.Content = JsonContent.Create(request.Body);
        }

        using var response = await client.SendAsync(message);
        return response.StatusCode;
    }

    /// <summary>"METHOD /pattern" of every API endpoint the host maps whose route has a parameter. The console's Razor
    /// pages are signed in through the page's cookie session, not a bearer token; who may open them is checked in a
    /// browser by VoiceAssist.Admin.Tests.</summary>
    private HashSet<string> MappedObjectEndpoints()
    {
        _ = factory.Server;
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0 && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
    }
}
