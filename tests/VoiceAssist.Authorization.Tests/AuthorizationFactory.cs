using VoiceAssist.Testing;

namespace VoiceAssist.Authorization.Tests;

/// <summary>The real host as production runs it: <c>Identity:RequireAuthenticatedUser</c> on, so no development-user
/// exception applies anywhere. Keyword search only and no demo data, so knowledge documents are quick to add; voice recording on, so a
/// recording can be asked for.</summary>
public sealed class AuthorizationFactory : VoiceAssistFactory
{
    private readonly SemaphoreSlim usersLock = new(1, 1);
    private readonly Dictionary<string, SignedInUser> usersByRole = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:RequireAuthenticatedUser"] = "true",
        ["Knowledge:Embeddings:Provider"] = "none",
        ["Knowledge:DemoData:Enabled"] = "false",
        ["Voice:Recording:Enabled"] = "true",
    };

    /// <summary>One signed-in account per role for callers that need no object of their own.</summary>
    public async Task<SignedInUser> UserOf(string role)
    {
        await usersLock.WaitAsync();
        try
        {
            if (!usersByRole.TryGetValue(role, out var user))
            {
                user = await this.CreateSignedInUser(role);
                usersByRole[role] = user;
            }

            return user;
        }
        finally
        {
            usersLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            usersLock.Dispose();
        }

        base.Dispose(disposing);
    }
}
