using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.Data;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Mfa;

/// <summary>What the user scans or types into an authenticator app.</summary>
internal sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, string QrCodeDataUri);

/// <summary>Enrolling an authenticator: a pending secret until the user proves it with a code, then the confirmed
/// secret and a fresh set of recovery codes (shown once, stored hashed).</summary>
internal sealed class TotpEnrollment(IdentityDbContext db, IOptions<MfaSettings> options, TotpSecretProtector protector, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    public AuthenticatorSetup Begin(User user)
    {
        var secret = Totp.NewSecret();
        user.PendingTotpSecret = protector.Protect(user.Id, secret);
        var issuer = Uri.EscapeDataString(options.Value.AuthenticatorIssuer);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email ?? user.Id.ToString())}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={Totp.Digits}&period={(int)Totp.Step.TotalSeconds}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new AuthenticatorSetup(secret, uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>The new recovery codes when the code proves the pending secret; null otherwise.</summary>
    public async Task<IReadOnlyList<string>?> Confirm(User user, string? code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (user.PendingTotpSecret is null || protector.Unprotect(user.Id, user.PendingTotpSecret) is not { } pending
            || Totp.Verify(pending, code, now, lastUsedStep: null) is not { } step)
        {
            return null;
        }

        user.TotpSecret = protector.Protect(user.Id, pending);
        user.PendingTotpSecret = null;
        user.TotpLastTimeStep = step;
        user.TwoFactorEnabled = true;
        db.AddIntegrationEvent(new MfaEnabled(Guid.CreateVersion7(), now, user.Id));
        return await ReplaceRecoveryCodes(user, cancellationToken);
    }

    /// <summary>The step of a valid, unused code for the user's confirmed authenticator; null otherwise. A secret
    /// stored before encryption existed is encrypted once it has proved itself.</summary>
    public long? VerifyCode(User user, string? code, DateTimeOffset now)
    {
        if (user.TotpSecret is null || protector.Unprotect(user.Id, user.TotpSecret) is not { } secret
            || Totp.Verify(secret, code, now, user.TotpLastTimeStep) is not { } step)
        {
            return null;
        }

        if (!TotpSecretProtector.IsEncrypted(user.TotpSecret))
        {
            user.TotpSecret = protector.Protect(user.Id, secret);
        }

        return step;
    }

    public async Task<IReadOnlyList<string>> ReplaceRecoveryCodes(User user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => Secrets.NewRecoveryCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(code => new RecoveryCode
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            CodeHash = Secrets.Hash(Secrets.NormalizeRecoveryCode(code)),
            CreatedAt = now,
        }));
        return codes;
    }

    public async Task Disable(User user, CancellationToken cancellationToken)
    {
        user.TwoFactorEnabled = false;
        user.TotpSecret = null;
        user.PendingTotpSecret = null;
        user.TotpLastTimeStep = null;
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        db.AddIntegrationEvent(new MfaDisabled(Guid.CreateVersion7(), time.GetUtcNow(), user.Id));
    }
}
