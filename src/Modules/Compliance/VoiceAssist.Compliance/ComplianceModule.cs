using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Modules;
using VoiceAssist.BuildingBlocks.Observability;
using VoiceAssist.Compliance.AuditTrail;
using VoiceAssist.Compliance.AuditTrail.ExportAuditTrail;
using VoiceAssist.Compliance.AuditTrail.GetAuditEntry;
using VoiceAssist.Compliance.AuditTrail.RecordAuditEntry;
using VoiceAssist.Compliance.AuditTrail.SearchAuditTrail;
using VoiceAssist.Compliance.AuditTrail.VerifyAuditChain;
using VoiceAssist.Compliance.Data;
using VoiceAssist.Compliance.Encryption;
using VoiceAssist.Compliance.Encryption.ReencryptFields;
using VoiceAssist.Compliance.Encryption.RotateEncryptionKey;
using VoiceAssist.Compliance.Phi;
using VoiceAssist.Compliance.Retention;
using VoiceAssist.Compliance.Retention.PlaceLegalHold;
using VoiceAssist.Compliance.Retention.RunRetentionPurge;
using VoiceAssist.Compliance.TransportSecurity;
using VoiceAssist.Compliance.Phi.DetectPhi;
using VoiceAssist.Compliance.Phi.Detection;
using VoiceAssist.Compliance.Phi.LogRedaction;
using VoiceAssist.Compliance.Phi.Redaction;
using VoiceAssist.Compliance.Phi.RedactPhi;

namespace VoiceAssist.Compliance;

/// <summary>Audit trail, PHI protection, retention and backups.</summary>
public static class ComplianceModule
{
    public const string Schema = "compliance";

    private static readonly Lazy<ILogRedactor> SharedLogRedactor = new(() => new PhiLogRedactor(new PhiDetector()));

    /// <summary>The PHI scrubber for the logging pipeline. The logger is built before any module registers its
    /// services, so the host hands this to the platform directly.</summary>
    public static ILogRedactor LogRedactor => SharedLogRedactor.Value;

    public static WebApplicationBuilder AddComplianceModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.AddModule<ComplianceDbContext>("Compliance", Schema);
        builder.Services.Configure<PhiOptions>(configuration.GetSection(PhiOptions.Section));
        builder.Services.AddSingleton(provider => new PhiDetector(provider.GetRequiredService<IOptions<PhiOptions>>().Value.MinimumConfidence));
        builder.Services.AddSingleton<PhiRedactor>();
        builder.Services.AddScoped<AuditRecorder>();
        foreach (var securityEvent in SecurityEventAudit.EventTypes)
        {
            builder.Services.AddEventConsumer(securityEvent, typeof(AuditSecurityEvent<>).MakeGenericType(securityEvent));
        }

        builder.Services.AddAuditReaderPolicy();
        builder.AddFieldEncryption();
        builder.Services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        builder.Services.AddHostedService<RetentionPurgeService>();
        builder.AddTransportSecurity();
        return builder;
    }

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var compliance = endpoints.MapGroup("/api/compliance").WithTags("Compliance");
        // Administrators and auditors read the trail; nothing here changes it (there is no write endpoint).
        var audit = compliance.MapGroup("").RequireAuthorization(AuditReaders.Policy);
        SearchAuditTrailEndpoint.Map(audit);
        GetAuditEntryEndpoint.Map(audit);
        ExportAuditTrailEndpoint.Map(audit);
        VerifyAuditChainEndpoint.Map(audit);
        DetectPhiEndpoint.Map(compliance);
        RedactPhiEndpoint.Map(compliance);
        RotateEncryptionKeyEndpoint.Map(compliance);
        ReencryptFieldsEndpoint.Map(compliance);
        LegalHoldEndpoints.Map(compliance);
        RunRetentionPurgeEndpoint.Map(compliance);
        return endpoints;
    }
}
