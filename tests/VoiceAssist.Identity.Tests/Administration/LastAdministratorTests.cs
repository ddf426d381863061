using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Contracts.Administration;
using VoiceAssist.Identity.Tests.Support;

namespace VoiceAssist.Identity.Tests.Administration;

/// <summary>The last active administrator keeps the role and the access, whoever asks. The caller here is an
/// administrator who is not among the accounts counted (as one whose account is disabled while a request is in
/// flight), so it is the count being tested, not the rule against acting on one's own account.</summary>
public sealed class LastAdministratorTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly IdentityApi api = new(factory);

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_demoted_or_deleted()
    {
        var console = new AdminConsole(factory, api);
        var onlyAdmin = await console.Administrator();
        var outsider = new Caller(Guid.NewGuid(), Guid.NewGuid(), Roles.Admin);

        var disable = () => console.Send(new DisableUser(onlyAdmin.UserId, "Testing the guard"), outsider);
        var demote = () => console.Send(new ChangeUserRole(onlyAdmin.UserId, Roles.Viewer, "Testing the guard"), outsider);
        var delete = () => console.Send(new OffboardUser(onlyAdmin.UserId, "Testing the guard"), outsider);

        (await disable.Should().ThrowAsync<ConflictException>()).WithMessage("*last active administrator*");
        (await demote.Should().ThrowAsync<ConflictException>()).WithMessage("*last active administrator*");
        (await delete.Should().ThrowAsync<ConflictException>()).WithMessage("*last active administrator*");
        (await console.Send(new GetUser(onlyAdmin.UserId))).Should().Match<UserDetail>(u => u.Role == Roles.Admin && u.Status == UserStatus.Active);
    }

    [Fact]
    public async Task A_disabled_administrator_does_not_count_and_another_active_one_does()
    {
        var console = new AdminConsole(factory, api);
        var onlyAdmin = await console.Administrator();
        var outsider = new Caller(Guid.NewGuid(), Guid.NewGuid(), Roles.Admin);
        var second = await api.CreateUser(Roles.Admin);

        await console.Send(new DisableUser(second.Id, "Second administrator on leave"));
        var demote = () => console.Send(new ChangeUserRole(onlyAdmin.UserId, Roles.Viewer, "Testing the guard"), outsider);
        (await demote.Should().ThrowAsync<ConflictException>()).WithMessage("*last active administrator*");

        await console.Send(new EnableUser(second.Id, "Back"));
        await console.Send(new ChangeUserRole(second.Id, Roles.Viewer, "Handing over"), outsider);
        (await console.Send(new GetUser(second.Id))).Role.Should().Be(Roles.Viewer);
    }
}
