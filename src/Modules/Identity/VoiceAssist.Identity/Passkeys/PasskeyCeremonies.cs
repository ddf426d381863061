using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Passkeys;

/// <summary>What the browser gets to start a ceremony: the options for <c>navigator.credentials.create/get</c> (JSON
/// with base64url buffers, as WebAuthn's <c>parse...FromJSON</c> reads them) and the id it sends back with the answer.</summary>
internal sealed record PasskeyChallenge(Guid CeremonyId, JsonElement Options);

/// <summary>Keeps each challenge server-side until its one answer arrives. Taking a ceremony locks and deletes its row
/// in the answer's transaction, so a replayed or concurrent second answer finds nothing, whatever its outcome.</summary>
internal sealed class PasskeyCeremonies(IdentityDbContext db, IOptions<PasskeySettings> options, TimeProvider time)
{
    public async Task<PasskeyChallenge> Begin(string purpose, Guid? userId, string state, string optionsJson, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Abandoned ceremonies (a closed tab, a cancelled prompt) are cleared by the next one.
        await db.PasskeyCeremonies.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var ceremony = new PasskeyCeremony
        {
            Id = Guid.NewGuid(),
            Purpose = purpose,
            UserId = userId,
            State = state,
            ExpiresAt = now + options.Value.ChallengeLifetime,
        };
        db.PasskeyCeremonies.Add(ceremony);
        using var document = JsonDocument.Parse(optionsJson);
        return new PasskeyChallenge(ceremony.Id, document.RootElement.Clone());
    }

    /// <summary>The ceremony's state, once: null when there is no such ceremony, it was for something else or someone
    /// else, or its time ran out. The row is gone afterwards in every case.</summary>
    public async Task<string?> Take(Guid id, string purpose, Guid? userId, CancellationToken cancellationToken)
    {
        var ceremony = await db.PasskeyCeremonies
            .FromSql($"SELECT * FROM identity.passkey_ceremonies WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (ceremony is null)
        {
            return null;
        }

        db.PasskeyCeremonies.Remove(ceremony);
        return ceremony.Purpose == purpose && ceremony.UserId == userId && ceremony.ExpiresAt > time.GetUtcNow() ? ceremony.State : null;
    }
}

/// <summary>Reads what a passkey answer claims before it is verified, only to find whose account to lock and count
/// against; the verification itself is ASP.NET Core Identity's.</summary>
internal static class PasskeyCredential
{
    /// <summary>Answers larger than this are refused unread (an attestation with a certificate chain is a few KB).</summary>
    public const int MaxJsonLength = 64 * 1024;

    /// <summary>The user handle of an assertion: the account id the passkey was registered for, or null.</summary>
    public static Guid? UserHandle(string credentialJson)
    {
        try
        {
            using var document = JsonDocument.Parse(credentialJson);
            if (document.RootElement.TryGetProperty("response", out var response)
                && response.ValueKind == JsonValueKind.Object
                && response.TryGetProperty("userHandle", out var handle)
                && handle.ValueKind == JsonValueKind.String
                && Base64Url.IsValid(handle.GetString()!)
                && Guid.TryParse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(handle.GetString()!)), out var id))
            {
                return id;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
