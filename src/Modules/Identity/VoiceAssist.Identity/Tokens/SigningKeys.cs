using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VoiceAssist.Identity.Security;

namespace VoiceAssist.Identity.Tokens;

/// <summary>The RSA key that signs access tokens. From <c>Identity:Tokens:SigningKey</c> (PEM) when set; otherwise
/// Development generates one and keeps it in a local file, Testing uses a fresh in-memory key, and any other
/// environment refuses to start. There is never a built-in key.</summary>
internal sealed class SigningKeys
{
    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    public SigningKeys(IOptions<TokenSettings> settings, IHostEnvironment environment)
    {
        var rsa = RSA.Create();
        var configured = settings.Value.SigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            rsa.ImportFromPem(configured);
        }
        else if (environment.IsDevelopment())
        {
            rsa.ImportFromPem(DevelopmentKey(Path.Combine(environment.ContentRootPath, settings.Value.DevelopmentKeyPath)));
        }
        else if (environment.IsEnvironment("Testing"))
        {
            rsa.KeySize = 2048;
        }
        else
        {
            rsa.Dispose();
            throw new InvalidOperationException(
                "Identity:Tokens:SigningKey is not set. Provide the PEM of an RSA private key (2048 bits or more) as a secret.");
        }

        if (rsa.KeySize < 2048)
        {
            throw new InvalidOperationException("Identity:Tokens:SigningKey must be an RSA key of at least 2048 bits.");
        }

        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        SigningKey = key;
        var publicKey = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId };
        ValidationKey = publicKey;
        PublicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey);
        PublicJwk.Use = "sig";
        PublicJwk.Alg = Algorithm;
    }

    public RsaSecurityKey SigningKey { get; }

    public RsaSecurityKey ValidationKey { get; }

    public JsonWebKey PublicJwk { get; }

    public SigningCredentials Credentials => new(SigningKey, Algorithm);

    private static string DevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, create);
            using var writer = new StreamWriter(file);
            writer.Write(pem);
            return pem;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs, so both sign with the same key.
            return File.ReadAllText(path);
        }
    }
}
