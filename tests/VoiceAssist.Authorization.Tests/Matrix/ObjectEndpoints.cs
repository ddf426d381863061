using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Testing;
using VoiceAssist.Testing.Passkeys;

namespace VoiceAssist.Authorization.Tests.Matrix;

/// <summary>A request about one object, made after the object was created for its owner.</summary>
public sealed record ObjectRequest(HttpMethod Method, string Path, object? Body = null);

/// <summary>What is declared for one endpoint that takes an object id in its route: the role of the user who owns
/// (or, for shared objects, creates) the object, how to create one, and which callers may act on it. Everyone else
/// must be refused: 401 when anonymous, 403 or 404 when signed in (404 where even existence is private).</summary>
public sealed record ObjectEndpoint(
    string Route,
    string OwnerRole,
    IReadOnlySet<Caller> Allowed,
    Func<AuthorizationFactory, SignedInUser, Task<ObjectRequest>> Arrange)
{
    /// <summary>Statuses that count as success for an allowed caller; by default any 2xx.</summary>
    public Func<HttpStatusCode, bool> Succeeded { get; init; } = status => (int)status is >= 200 and < 300;

    /// <summary>Statuses that count as a refusal for a signed-in caller who is not allowed.</summary>
    public IReadOnlySet<HttpStatusCode> Refusals { get; init; } = new HashSet<HttpStatusCode> { HttpStatusCode.Forbidden, HttpStatusCode.NotFound };

    public override string ToString() => Route;
}

/// <summary>The declared expectations, one per endpoint with a route parameter. The matrix test fails for an endpoint
/// the host maps that is missing here, so a new endpoint cannot ship without saying who may call it.</summary>
internal static class ObjectEndpoints
{
    private static readonly Caller[] EverySignedIn = [Caller.Owner, Caller.SameRole, Caller.Admin, Caller.Clinician, Caller.Viewer, Caller.Auditor];

    public static IReadOnlyList<ObjectEndpoint> All { get; } =
    [
        // Conversations hold PHI: only the clinician who holds one reads or continues it (admins included: they
        // manage accounts without reading PHI). Another clinician needs break-glass, which the owner cannot use.
        new("GET /api/conversations/{id:guid}", Roles.Clinician, Only(Caller.Owner),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/conversations/{await StartConversation(owner)}")),
        new("POST /api/conversations/{id:guid}/turns", Roles.Clinician, Only(Caller.Owner),
            async (_, owner) => new ObjectRequest(HttpMethod.Post, $"/api/conversations/{await StartConversation(owner)}/turns", new { text = "hello" })),
        new("GET /api/conversations/{id:guid}/recordings", Roles.Clinician, Only(Caller.Owner),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/conversations/{await StartConversation(owner)}/recordings")),
        new("GET /api/conversations/{id:guid}/recordings/{recordingId:guid}", Roles.Clinician, Only(Caller.Owner),
            async (factory, owner) =>
            {
                var (conversationId, recordingId) = await RecordUtterance(factory, owner);
                return new ObjectRequest(HttpMethod.Get, $"/api/conversations/{conversationId}/recordings/{recordingId}");
            }),
        new("POST /api/conversations/{id:guid}/emergency-access", Roles.Clinician, Only(Caller.SameRole),
            async (_, owner) => new ObjectRequest(HttpMethod.Post, $"/api/conversations/{await StartConversation(owner)}/emergency-access",
                new { reason = "Patient collapsed on the ward; reviewing the covering clinician's notes." }))
        {
            Refusals = new HashSet<HttpStatusCode> { HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Conflict },
        },

        // Sessions: a user ends only their own; an administrator ends all of someone's (below).
        new("DELETE /api/identity/me/sessions/{id:guid}", Roles.Clinician, Only(Caller.Owner),
            (_, owner) => Task.FromResult(new ObjectRequest(HttpMethod.Delete, $"/api/identity/me/sessions/{owner.SessionId}"))),

        // Passkeys: a user removes only their own; for anyone else one does not exist.
        new("DELETE /api/identity/me/passkeys/{id:guid}", Roles.Clinician, Only(Caller.Owner),
            async (factory, owner) => new ObjectRequest(HttpMethod.Delete, $"/api/identity/me/passkeys/{await factory.AddPasskey(owner.Id)}")),

        // Accounts: administrators manage them; nobody changes their own role or another's.
        new("PUT /api/identity/users/{id:guid}/role", Roles.Clinician, Only(Caller.Admin),
            (_, owner) => Task.FromResult(new ObjectRequest(HttpMethod.Put, $"/api/identity/users/{owner.Id}/role", new { role = Roles.Viewer }))),
        new("DELETE /api/identity/users/{id:guid}/sessions", Roles.Clinician, Only(Caller.Admin),
            (_, owner) => Task.FromResult(new ObjectRequest(HttpMethod.Delete, $"/api/identity/users/{owner.Id}/sessions"))),
        new("POST /api/identity/users/{id:guid}/unlock", Roles.Clinician, Only(Caller.Admin),
            (_, owner) => Task.FromResult(new ObjectRequest(HttpMethod.Post, $"/api/identity/users/{owner.Id}/unlock", new { reason = "Called the service desk" }))),

        // The knowledge base is shared reference material without PHI: everyone signed in reads a document and its
        // text, administrators (who add them) remove them.
        new("GET /api/knowledge/documents/{id:guid}", Roles.Admin, Only(EverySignedIn),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/knowledge/documents/{await UploadDocument(owner)}")),
        new("GET /api/knowledge/documents/{id:guid}/text", Roles.Admin, Only(EverySignedIn),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/knowledge/documents/{await UploadDocument(owner)}/text")),
        new("DELETE /api/knowledge/documents/{id:guid}", Roles.Admin, Only(Caller.Owner, Caller.SameRole),
            async (_, owner) => new ObjectRequest(HttpMethod.Delete, $"/api/knowledge/documents/{await UploadDocument(owner)}")),

        // A patient document (uploaded with containsPhi=true) is its uploader's alone: nobody else learns it exists,
        // except administrators, who may delete it (without reading it).
        new("GET /api/knowledge/documents/{id:guid}", Roles.Clinician, Only(Caller.Owner),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/knowledge/documents/{await UploadPatientDocument(owner)}")),
        new("GET /api/knowledge/documents/{id:guid}/text", Roles.Clinician, Only(Caller.Owner),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/knowledge/documents/{await UploadPatientDocument(owner)}/text")),
        new("DELETE /api/knowledge/documents/{id:guid}", Roles.Clinician, Only(Caller.Owner, Caller.Admin),
            async (_, owner) => new ObjectRequest(HttpMethod.Delete, $"/api/knowledge/documents/{await UploadPatientDocument(owner)}")),

        // Legal holds are set and lifted by administrators (the retention officer's tool), nobody else.
        new("DELETE /api/compliance/legal-holds/{id:guid}", Roles.Admin, Only(Caller.Owner, Caller.SameRole),
            async (_, owner) => new ObjectRequest(HttpMethod.Delete, $"/api/compliance/legal-holds/{await PlaceLegalHold(owner)}")),

        // The audit trail is read by auditors and administrators, nobody else; one entry is opened by its id.
        new("GET /api/compliance/audit/{id:long}", Roles.Auditor, Only(Caller.Owner, Caller.SameRole, Caller.Admin),
            async (_, owner) => new ObjectRequest(HttpMethod.Get, $"/api/compliance/audit/{await AnAuditEntry(owner)}")),

        // Calculators are a public catalog: any signed-in user describes or runs one.
        new("GET /api/calculators/{id}", Roles.Clinician, Only(EverySignedIn),
            (_, _) => Task.FromResult(new ObjectRequest(HttpMethod.Get, "/api/calculators/cha2ds2-vasc"))),
        new("POST /api/calculators/{id}", Roles.Clinician, Only(EverySignedIn),
            (_, _) => Task.FromResult(new ObjectRequest(HttpMethod.Post, "/api/calculators/cha2ds2-vasc",
                new { inputs = new { age = "72 years", sex = "F", hypertension = "yes", diabetes = true } }))),

        // Connectors, the outbox and the API's description are operations: administrators only.
        new("PUT /api/integrations/connectors/{kind}", Roles.Admin, Only(Caller.Owner, Caller.SameRole),
            (_, _) => Task.FromResult(new ObjectRequest(HttpMethod.Put, "/api/integrations/connectors/calendar",
                new { baseUrl = "http://127.0.0.1:5232/", enabled = false }))),
        new("GET /openapi/{documentName}.json", Roles.Admin, Only(Caller.Owner, Caller.SameRole),
            (_, _) => Task.FromResult(new ObjectRequest(HttpMethod.Get, "/openapi/v1.json"))),
        // A linked calendar, mailbox or folder holds its owner's credentials: only the owner removes it; for anyone
        // else (administrators included) it does not exist. A shared folder is an administrator's.
        new("DELETE /api/integrations/accounts/{id:guid}", Roles.Clinician, Only(Caller.Owner),
            async (_, owner) => new ObjectRequest(HttpMethod.Delete, $"/api/integrations/accounts/{await LinkCalendar(owner)}")),
        new("DELETE /api/integrations/accounts/{id:guid}", Roles.Admin, Only(Caller.Owner, Caller.SameRole),
            async (_, owner) => new ObjectRequest(HttpMethod.Delete, $"/api/integrations/accounts/{await LinkSharedFolder(owner)}")),
        new("POST /api/operations/outbox/dead-letters/{module}/{id:guid}/redrive", Roles.Admin, Only(Caller.Owner, Caller.SameRole),
            (_, _) => Task.FromResult(new ObjectRequest(HttpMethod.Post, $"/api/operations/outbox/dead-letters/identity/{Guid.NewGuid()}/redrive")))
        {
            // No message is dead-lettered here: an administrator gets past authorization to "no such message".
            Succeeded = status => status is HttpStatusCode.NotFound or HttpStatusCode.NoContent,
            Refusals = new HashSet<HttpStatusCode> { HttpStatusCode.Forbidden },
        },
    ];

    private static HashSet<Caller> Only(params Caller[] callers) => [.. callers];

    private static async Task<Guid> StartConversation(SignedInUser owner)
    {
        var response = await owner.Client.PostAsync("/api/conversations", null);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Speaks half a second of tone on the owner's voice socket (recording is on in this host) and returns the
    /// conversation and the recording kept of it.</summary>
    private static async Task<(Guid ConversationId, Guid RecordingId)> RecordUtterance(AuthorizationFactory factory, SignedInUser owner)
    {
        var ticket = await SocketTicket.Ask(factory, owner.Client.DefaultRequestHeaders.Authorization!.Parameter!);
        using var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(SocketTicket.SocketUri(ticket), CancellationToken.None);
        await SendJson(socket, new { type = "start", sampleRate = 16_000 });
        var buffer = new byte[64 * 1024];
        Guid? conversationId = null;
        while (conversationId is null)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Text
                && JsonDocument.Parse(buffer.AsMemory(0, received.Count)).RootElement is { } message
                && message.GetProperty("type").GetString() == "ready")
            {
                conversationId = message.GetProperty("conversationId").GetGuid();
            }
        }

        await SendJson(socket, new { type = "speech_start" });
        var tone = new byte[16_000];
        for (var i = 0; i < tone.Length / 2; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(tone.AsSpan(i * 2), (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16_000.0)));
        }

        await socket.SendAsync(tone, System.Net.WebSockets.WebSocketMessageType.Binary, true, CancellationToken.None);
        await SendJson(socket, new { type = "end_of_speech" });
        var recordings = await Eventually.Until(
            async () => await owner.Client.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}/recordings"),
            list => list.GetArrayLength() == 1,
            because: "the utterance is recorded when its turn is wrapped up");
        return (conversationId.Value, recordings[0].GetProperty("id").GetGuid());
    }

    private static Task SendJson(System.Net.WebSockets.WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<Guid> LinkCalendar(SignedInUser owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts",
            new { kind = "calendar", serverUrl = "https://93.184.215.14/dav/calendars/me/work/", userName = "me", password = "app-password" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> LinkSharedFolder(SignedInUser owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/integrations/accounts",
            new { kind = "files", scope = "shared", serverUrl = "https://93.184.215.14/dav/guidelines/", userName = "library", password = "app-password" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> PlaceLegalHold(SignedInUser owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/compliance/legal-holds",
            new { subjectType = "resource", subjectId = $"conversation-{Guid.NewGuid():N}", reason = "Records request under review" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The id of an entry of the trail: the owner's own search is recorded as one.</summary>
    private static async Task<long> AnAuditEntry(SignedInUser owner)
    {
        (await owner.Client.GetAsync(new Uri("/api/compliance/audit?pageSize=1", UriKind.Relative))).EnsureSuccessStatusCode();
        var page = await owner.Client.GetFromJsonAsync<JsonElement>("/api/compliance/audit?action=compliance.audit.searched&pageSize=1");
        return page.GetProperty("entries")[0].GetProperty("id").GetInt64();
    }

    private static async Task<Guid> UploadPatientDocument(SignedInUser owner)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"# Clinic letter\n\nSeen in clinic today; reference {Guid.NewGuid():N}.\n")), "file", "clinic-letter.md");
        form.Add(new StringContent("true"), "containsPhi");
        var response = await owner.Client.PostAsync("/api/knowledge/documents", form);
        ((int)response.StatusCode).Should().BeInRange(200, 299, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
    }

    private static async Task<Guid> UploadDocument(SignedInUser owner)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"# Hand hygiene\n\nClean hands before and after each patient contact. Reference {Guid.NewGuid():N}.\n")), "file", "hand-hygiene.md");
        var response = await owner.Client.PostAsync("/api/knowledge/documents", form);
        ((int)response.StatusCode).Should().BeInRange(200, 299, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
    }
}
