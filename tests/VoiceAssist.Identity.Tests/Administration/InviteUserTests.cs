using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Npgsql;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>The console's invitation: the token is handed out once and stored only as its hash, the new user sets a
/// password with it, a taken email address is an error on the field that changes nothing, and the invitation is audited.</summary>
public sealed class InviteUserTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task The_invitation_token_is_returned_once_stored_only_hashed_and_lets_the_new_user_set_a_password()
    {
        var console = new AdminConsole(factory, api);
        var email = $"new.colleague.{Guid.NewGuid():N}@hospital.example";

        var invited = await console.Send(new InviteUser(email, "New Colleague", Roles.Clinician));

        invited.InvitationToken.Length.Should().BeGreaterThanOrEqualTo(43, "256 random bits");
        invited.InvitationExpiresAt.Should().BeAfter(DateTimeOffset.UtcNow.AddHours(1));
        var stored = await Scalar($"SELECT token_hash FROM identity.invitations WHERE user_id = '{invited.UserId}'");
        stored.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(invited.InvitationToken))));
        (await Scalar($"SELECT count(*)::text FROM identity.invitations WHERE token_hash = '{invited.InvitationToken}'")).Should().Be("0");
        (await console.Send(new GetUser(invited.UserId))).Status.Should().Be(UserStatus.Invited);

        var password = "copper kettle 9 meadows";
        (await api.Anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token = invited.InvitationToken, password }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.Anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token = invited.InvitationToken, password = "another one 7 times" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "the token is good once");
        await api.SignIn(email, password);
        (await console.Send(new GetUser(invited.UserId))).Status.Should().Be(UserStatus.Active);

        var audit = (await console.AuditEntries(invited.UserId, "identity.user.invited")).Single();
        audit.Actor.Should().Be((await console.Administrator()).UserId.ToString());
        audit.Before.Should().BeNull();
        audit.After.Should().Be("""{"role":"clinician","status":"invited"}""");
        audit.After.Should().NotContain(invited.InvitationToken);
    }

    [Fact]
    public async Task A_taken_email_address_is_an_error_on_the_email_field_and_changes_nothing()
    {
        var console = new AdminConsole(factory, api);
        var email = $"taken.{Guid.NewGuid():N}@hospital.example";
        await console.Send(new InviteUser(email, "First Holder", Roles.Viewer));
        var before = await Scalar("SELECT count(*)::text FROM identity.users");

        var again = () => console.Send(new InviteUser(email.ToUpperInvariant(), "Second Holder", Roles.Admin));

        (await again.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle()
            .Which.Should().Match<FluentValidation.Results.ValidationFailure>(e => e.PropertyName == "Email" && e.ErrorMessage.Contains("already exists"));
        (await Scalar("SELECT count(*)::text FROM identity.users")).Should().Be(before);
    }

    [Fact]
    public async Task Bad_fields_are_reported_each_on_its_own_field()
    {
        var console = new AdminConsole(factory, api);
        var bad = () => console.Send(new InviteUser("not-an-email", "", "superuser"));
        (await bad.Should().ThrowAsync<ValidationException>()).Which.Errors.Select(e => e.PropertyName).Distinct()
            .Should().BeEquivalentTo(["Email", "DisplayName", "Role"]);
    }

    private async Task<string?> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
