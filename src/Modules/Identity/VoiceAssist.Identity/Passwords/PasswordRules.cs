using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Passwords;

/// <summary>The password rules beyond Identity's floor of 12 characters: the configured minimum length
/// (<see cref="PasswordSettings.MinimumLength"/>, which an administrator may raise), at most 128 characters, and not a
/// common or breached password, nor one built on this account's own email or name (OWASP ASVS 5.0 V6.2). No composition
/// rules and no expiry: length and the breached list do the work (NIST SP 800-63B 3.1.1.2).</summary>
internal sealed class PasswordRules(IOptionsSnapshot<PasswordSettings> settings) : IPasswordValidator<User>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "A password is required." }));
        }

        var errors = new List<IdentityError>();
        var minimum = Math.Max(MinimumLength, settings.Value.MinimumLength);
        // Below the floor, Identity's own length rule has said so already.
        if (password.Length >= MinimumLength && password.Length < minimum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"Passwords must be at least {minimum} characters." });
        }

        if (password.Length > MaximumLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {MaximumLength} characters." });
        }

        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "This password is on a list of common or breached passwords. Choose another." });
        }
        else if (UsesAccountDetails(password, user))
        {
            errors.Add(new IdentityError { Code = "PasswordPersonal", Description = "Passwords must not be built on your email address, your name or the product's name." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>On the list as typed, or once the digits and symbols people tack on at the end are stripped
    /// (<c>dragon123456!</c> is <c>dragon</c>).</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }

        var stem = lower.TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        if (stem.Length >= 4 && stem.Length < lower.Length && Common.Value.Contains(stem))
        {
            return true;
        }

        // The same short word over and over ("passwordpassword") is still that word.
        for (var period = 1; period <= lower.Length / 2; period++)
        {
            if (lower.Length % period == 0 && lower == string.Concat(Enumerable.Repeat(lower[..period], lower.Length / period)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool UsesAccountDetails(string password, User user)
    {
        var lower = password.ToLowerInvariant();
        var words = new List<string> { "voiceassist" };
        if (user.Email?.Split('@')[0] is { Length: >= 4 } local)
        {
            words.Add(local.ToLowerInvariant());
        }

        words.AddRange((user.DisplayName ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4));
        return words.Any(word => lower.Contains(word, StringComparison.Ordinal) && lower.Length - word.Length < 8);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("VoiceAssist.Identity.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
