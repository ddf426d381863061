using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoiceAssist.Testing.Passkeys;

/// <summary>A WebAuthn authenticator and browser in one, in software: it answers the host's creation and request
/// options exactly as a browser's <c>PublicKeyCredential.toJSON()</c> would (ES256 key, "none" attestation, CTAP2
/// canonical CBOR), so tests exercise the real verification. Each property that a real browser fills in from the page
/// (the origin, the relying party, the user-verified flag) can be set to what an attacker's page would send.</summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The origin the "browser" writes into the client data.</summary>
    public string Origin { get; set; } = "http://localhost";

    /// <summary>The relying party id hashed into the authenticator data; null means the one the options name.</summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>Whether the authenticator checked the user's PIN or biometric (the UV flag).</summary>
    public bool UserVerified { get; set; } = true;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The user handle stored at creation: the account id the host put in the options.</summary>
    public byte[]? UserHandle { get; private set; }

    public uint SignCount { get; set; }

    public void Dispose() => key.Dispose();

    /// <summary>Answers <c>navigator.credentials.create</c> options (the JSON the host returned).</summary>
    public JsonObject Create(JsonElement options)
    {
        UserHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var rpId = RelyingPartyId ?? options.GetProperty("rp").GetProperty("id").GetString()!;
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!);
        var parameters = key.ExportParameters(false);
        byte[] coseKey =
        [
            0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01,
            0x21, 0x58, 0x20, .. parameters.Q.X!,
            0x22, 0x58, 0x20, .. parameters.Q.Y!,
        ];
        var credentialLength = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(credentialLength, (ushort)CredentialId.Length);
        byte[] authenticatorData = [.. AuthenticatorData(rpId, attested: true), .. new byte[16], .. credentialLength, .. CredentialId, .. coseKey];
        byte[] attestationObject =
        [
            0xA3,
            .. Text("fmt"), .. Text("none"),
            .. Text("attStmt"), 0xA0,
            .. Text("authData"), .. Bytes(authenticatorData),
        ];
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestationObject),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Answers <c>navigator.credentials.get</c> options: signs the authenticator data and the client data's hash.</summary>
    public JsonObject Get(JsonElement options)
    {
        var rpId = RelyingPartyId ?? options.GetProperty("rpId").GetString()!;
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!);
        SignCount = SignCount == 0 ? 0 : SignCount + 1;
        var authenticatorData = AuthenticatorData(rpId, attested: false);
        var signature = key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = UserHandle is null ? null : Base64Url.EncodeToString(UserHandle),
        });
    }

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = Base64Url.EncodeToString(CredentialId),
        ["rawId"] = Base64Url.EncodeToString(CredentialId),
        ["type"] = "public-key",
        ["authenticatorAttachment"] = "platform",
        ["clientExtensionResults"] = new JsonObject(),
        ["response"] = response,
    };

    private byte[] ClientData(string type, string challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin = Origin, crossOrigin = false });

    private byte[] AuthenticatorData(string rpId, bool attested)
    {
        // Flags: UP (user present) always, UV when verified, AT when attested credential data follows.
        var flags = (byte)(0x01 | (UserVerified ? 0x04 : 0) | (attested ? 0x40 : 0));
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, SignCount);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter];
    }

    private static byte[] Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(0x60 | bytes.Length), .. bytes];
    }

    private static byte[] Bytes(byte[] value) =>
        value.Length < 256 ? [0x58, (byte)value.Length, .. value] : [0x59, (byte)(value.Length >> 8), (byte)value.Length, .. value];
}
