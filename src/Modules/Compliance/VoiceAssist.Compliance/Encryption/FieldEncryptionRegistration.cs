using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Security.Encryption;

namespace VoiceAssist.Compliance.Encryption;

internal static class FieldEncryptionRegistration
{
    /// <summary>Development and Testing run without a configured master key on this fixed, public one, so a fresh
    /// checkout starts; every other environment refuses to start without <c>Compliance:Encryption:MasterKey</c>.</summary>
    internal static readonly byte[] DevelopmentMasterKey = SHA256.HashData(Encoding.UTF8.GetBytes("VoiceAssist development master key: never for real data"));

    public static void AddFieldEncryption(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var allowDevelopmentKey = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var configuration = builder.Configuration;
        builder.Services.Configure<EncryptionOptions>(configuration.GetSection(EncryptionOptions.Section));
        builder.Services.AddOptions<EncryptionOptions>()
            .Validate(o => allowDevelopmentKey || !string.IsNullOrWhiteSpace(o.MasterKey),
                "Compliance:Encryption:MasterKey is required outside Development: PHI is encrypted under a key ring that it protects (generate one with: openssl rand -base64 32).")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<EncryptionOptions>>().Value;
            IMasterKey current = settings.MasterKey is { Length: > 0 } configured
                ? ConfiguredMasterKey.FromBase64(configured)
                : new ConfiguredMasterKey(DevelopmentMasterKey);
            return new MasterKeys(current, [.. settings.PreviousMasterKeys.Where(k => !string.IsNullOrWhiteSpace(k))
                .Select((k, i) => ConfiguredMasterKey.FromBase64(k.Trim(), $"Compliance:Encryption:PreviousMasterKeys:{i}"))]);
        });
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddHostedService<MasterKeyRewrap>();
        builder.Services.AddSingleton<IFieldEncryptor>(provider => provider.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<FieldReencryption>();
    }
}
