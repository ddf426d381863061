using System.Net;
using Npgsql;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>An administrator ends a lockout at once and the failure counter starts again from zero.</summary>
public sealed class UnlockUserTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task A_locked_account_signs_in_right_after_it_is_unlocked_and_its_failure_counter_is_reset()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Clinician);
        for (var i = 0; i < 5; i++)
        {
            await api.PostPassword(user.Email, "wrong password number " + i);
        }

        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        var locked = await console.Send(new GetUser(user.Id));
        locked.Status.Should().Be(UserStatus.Locked);
        locked.FailedSignInAttempts.Should().Be(5);

        await console.Send(new UnlockUser(user.Id, "Caller verified by phone"));

        (await FailureCount(user.Id)).Should().Be(0);
        (await console.Send(new GetUser(user.Id))).Should().Match<UserDetail>(u => u.Status == UserStatus.Active && u.LockedUntil == null && u.FailedSignInAttempts == 0);
        (await api.PostPassword(user.Email, "one more wrong one")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.PostPassword(user.Email, user.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "one failure after the reset does not lock the account");

        var audit = (await console.AuditEntries(user.Id, "identity.user.unlocked")).Single();
        audit.Reason.Should().Be("Caller verified by phone");
        audit.Before.Should().StartWith("""{"lockedUntil":"20""").And.EndWith(""","failedAttempts":5}""");
        audit.After.Should().Be("""{"lockedUntil":null,"failedAttempts":0}""");
    }

    [Fact]
    public async Task Unlocking_an_account_that_is_not_locked_records_nothing()
    {
        var console = new AdminConsole(factory, api);
        var user = await api.CreateUser(Roles.Viewer);

        await console.Send(new UnlockUser(user.Id));

        (await AdminConsoleAudit(user.Id)).Should().BeEmpty();
    }

    private async Task<int> FailureCount(Guid userId)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT access_failed_count FROM identity.users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> AdminConsoleAudit(Guid userId)
    {
        // The outbox is where the change would be: read it rather than wait for a delivery that should never come.
        var changes = await IdentityOutbox.Payloads(factory.DatabaseConnectionString, "AdministrativeChange");
        return [.. changes.Where(p => p.Contains(userId.ToString(), StringComparison.Ordinal))];
    }
}
