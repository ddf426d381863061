using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using Xunit.Abstractions;

namespace VoiceAssist.Authorization.Tests.Matrix;

/// <summary>OWASP API5 (function level authorization) for every write endpoint (POST, PUT, PATCH, DELETE) of the API
/// whose route takes no object id (those are in <see cref="ObjectAuthorizationMatrixTests"/>): each is declared here
/// with the roles that may call it, and called by a fresh user of every role and anonymously. A role that is not
/// declared must be refused (403; 401 when anonymous) before anything happens; a declared role must get past
/// authorization: its empty body may then be refused as invalid (400) or, where the endpoint asks for the caller's
/// password again, as a failed re-authentication (403 saying so), never as a 401, a role refusal or a 500. Endpoints
/// anyone may call (sign-in steps) are declared public and not called.</summary>
public sealed class RoleAuthorizationMatrixTests(AuthorizationFactory factory, ITestOutputHelper output) : IClassFixture<AuthorizationFactory>
{
    private static readonly string[] EveryRole = [Roles.Admin, Roles.Clinician, Roles.Viewer, Roles.Auditor];
    private static readonly string[] Public = [];
    private const string ReAuthenticationFailed = "Re-authentication failed.";

    /// <summary>"METHOD /route" → the roles that may call it; <see cref="Public"/> for the anonymous sign-in steps.</summary>
    private static readonly Dictionary<string, string[]> Declared = new(StringComparer.Ordinal)
    {
        // Conversations hold PHI: clinicians only.
        ["POST /api/conversations/"] = [Roles.Clinician],

        // Users of the voice page link their own calendar, mailbox or folder (auditors only read the audit trail); a
        // shared folder is checked in the handler.
        ["POST /api/integrations/accounts/"] = [Roles.Admin, Roles.Clinician, Roles.Viewer],

        // Compliance operations: administrators only. PHI detection and redaction are tools for any signed-in user:
        // they return only what they were sent.
        ["POST /api/compliance/legal-holds"] = [Roles.Admin],
        ["POST /api/compliance/retention/purge"] = [Roles.Admin],
        ["POST /api/compliance/encryption/reencrypt"] = [Roles.Admin],
        ["POST /api/compliance/encryption/keys/rotate"] = [Roles.Admin],
        ["POST /api/compliance/phi/detect"] = EveryRole,
        ["POST /api/compliance/phi/redact"] = EveryRole,

        // Accounts: administrators create them and sync them in; everyone manages their own sign-in.
        ["POST /api/identity/users"] = [Roles.Admin],
        ["POST /api/identity/nextcloud/sync"] = [Roles.Admin],
        ["PUT /api/identity/me/email"] = EveryRole,
        ["POST /api/identity/me/password"] = EveryRole,
        ["POST /api/identity/me/mfa/totp"] = EveryRole,
        ["POST /api/identity/me/mfa/totp/confirm"] = EveryRole,
        ["POST /api/identity/me/mfa/disable"] = EveryRole,
        ["POST /api/identity/me/mfa/recovery-codes"] = EveryRole,
        ["POST /api/identity/me/passkeys/options"] = EveryRole,
        ["POST /api/identity/me/passkeys/"] = EveryRole,
        ["POST /api/identity/logout"] = EveryRole,
        ["POST /api/identity/socket-tickets"] = EveryRole,

        // The steps of signing in, before anyone is signed in.
        ["POST /api/identity/token"] = Public,
        ["POST /api/identity/token/refresh"] = Public,
        ["POST /api/identity/token/mfa"] = Public,
        ["POST /api/identity/token/mfa/enrollment"] = Public,
        ["POST /api/identity/token/mfa/enrollment/confirm"] = Public,
        ["POST /api/identity/invitations/accept"] = Public,
        ["POST /api/identity/session"] = Public,
        ["POST /api/identity/session/logout"] = Public,
        ["POST /api/identity/session/access-token"] = Public,
        ["POST /api/identity/session/mfa/enrollment"] = Public,
        ["POST /api/identity/session/mfa/enrollment/confirm"] = Public,
        ["POST /api/identity/session/passkey/options"] = Public,
        ["POST /api/identity/session/passkey/"] = Public,

        // The shared knowledge base: administrators add to it (a clinician's own patient document is a multipart
        // upload, in the object matrix); everyone signed in searches it and asks it questions.
        ["POST /api/knowledge/documents/"] = [Roles.Admin],
        ["POST /api/knowledge/documents/import"] = [Roles.Admin],
        // Searching PubMed reads the public literature and adds nothing: anyone signed in.
        ["POST /api/knowledge/pubmed/search"] = EveryRole,
        ["POST /api/knowledge/pubmed/ingest"] = [Roles.Admin],
        ["POST /api/knowledge/search"] = EveryRole,
        ["POST /api/knowledge/answers"] = EveryRole,
    };

    [Fact]
    public void Every_write_endpoint_declares_the_roles_that_may_call_it()
    {
        var mapped = MappedWriteEndpoints();

        mapped.Should().NotBeEmpty();
        mapped.Where(route => !Declared.ContainsKey(route)).Should().BeEmpty(
            "each write endpoint needs an entry in RoleAuthorizationMatrixTests saying which roles may call it");
        Declared.Keys.Where(route => !mapped.Contains(route)).Should().BeEmpty("an expectation for an endpoint the host no longer maps is stale");
    }

    [Fact]
    public async Task Only_the_declared_roles_get_past_authorization_on_each_write_endpoint()
    {
        var mapped = MappedWriteEndpoints();
        var failures = new List<string>();
        var table = new StringBuilder();
        foreach (var (route, roles) in Declared.Where(e => mapped.Contains(e.Key) && e.Value.Length > 0).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            table.Append(route).Append(':');
            foreach (var role in EveryRole.Append(null))
            {
                var (status, title) = await Call(route, role);
                table.Append(' ').Append(role ?? "anonymous").Append('=').Append((int)status);
                var allowed = role is not null && roles.Contains(role);
                var asExpected = allowed
                    ? status != HttpStatusCode.Unauthorized && (status != HttpStatusCode.Forbidden || title == ReAuthenticationFailed) && (int)status < 500
                    : status == (role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden) && title != ReAuthenticationFailed;
                if (!asExpected)
                {
                    failures.Add($"{route} as {role ?? "anonymous"}: {(int)status} but it should be {(allowed ? "allowed" : "refused")}");
                }
            }

            table.AppendLine();
        }

        output.WriteLine(table.ToString());
        failures.Should().BeEmpty();
    }

    /// <summary>Calls the endpoint with an empty JSON object as a new user of the role (a fresh one each time: some of
    /// these end the caller's session), or anonymously.</summary>
    private async Task<(HttpStatusCode Status, string? Title)> Call(string route, string? role)
    {
        var client = role is null ? factory.CreateClient() : (await factory.CreateSignedInUser(role)).Client;
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        using var message = new HttpRequestMessage(new HttpMethod(route[..space]), route[(space + 1)..])
        {
            Content = JsonContent.Create(new { }),
        };
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var title = body.StartsWith('{') && System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
        return (response.StatusCode, title);
    }

    /// <summary>"METHOD /pattern" of every API endpoint that writes and whose route has no parameter (Razor Pages of the
    /// console left out, as in the object matrix).</summary>
    private HashSet<string> MappedWriteEndpoints()
    {
        _ = factory.Server;
        string[] writes = ["POST", "PUT", "PATCH", "DELETE"];
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is not Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(writes.Contains)
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
    }
}
