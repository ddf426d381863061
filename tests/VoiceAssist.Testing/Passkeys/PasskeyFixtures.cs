using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Passkeys;

namespace VoiceAssist.Testing.Passkeys;

/// <summary>Passkeys for tests whose subject is not registration itself (that walk, with re-authentication and the
/// authenticator's answer, is tested in VoiceAssist.Identity.Tests).</summary>
public static class PasskeyFixtures
{
    /// <summary>Stores a passkey (a fresh key's credential id) for the account and returns its id.</summary>
    public static async Task<Guid> AddPasskey(this VoiceAssistFactory factory, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var passkey = new Passkey
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            CredentialId = RandomNumberGenerator.GetBytes(16),
            PublicKey = key.ExportSubjectPublicKeyInfo(),
            Name = "Test passkey",
            CreatedAt = DateTimeOffset.UtcNow,
            AttestationObject = [],
            ClientDataJson = [],
        };
        db.Passkeys.Add(passkey);
        await db.SaveChangesAsync();
        return passkey.Id;
    }
}
