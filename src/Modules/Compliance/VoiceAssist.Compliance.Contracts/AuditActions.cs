namespace VoiceAssist.Compliance.Contracts;

/// <summary>The names under which actions are recorded in the audit trail.</summary>
public static class AuditActions
{
    public const string DocumentIngested = "knowledge.document.ingested";
    public const string UserCreated = "identity.user.created";
    public const string SignedIn = "identity.user.signed_in";
    public const string SignInFailed = "identity.user.sign_in_failed";
    public const string LockedOut = "identity.user.locked_out";
    public const string RoleChanged = "identity.user.role_changed";
    public const string RefreshTokenReused = "identity.session.refresh_token_reused";
    public const string SessionRevoked = "identity.session.revoked";
    public const string MfaEnabled = "identity.mfa.enabled";
    public const string MfaDisabled = "identity.mfa.disabled";
    public const string RecoveryCodesRegenerated = "identity.mfa.recovery_codes_regenerated";
    public const string RecoveryCodeUsed = "identity.mfa.recovery_code_used";
    public const string PasskeyAdded = "identity.passkey.added";
    public const string PasskeyRemoved = "identity.passkey.removed";
    public const string PasswordSet = "identity.user.password_set";
    public const string PasswordChanged = "identity.user.password_changed";
    public const string EmailChanged = "identity.user.email_changed";
    public const string EmergencyAccessGranted = "identity.emergency_access.granted";

    /// <summary>A signed-in caller was refused by a role policy (403) on an API endpoint or a console page.</summary>
    public const string AccessDenied = "identity.access.denied";
    public const string ConversationStarted = "voice.conversation.started";
    public const string ConnectorConfigured = "integrations.connector.configured";

    /// <summary>Prefix of a PHI access recorded by the pipeline: <c>phi.</c> followed by the request's name, for
    /// example <c>phi.GetConversation</c>.</summary>
    public const string PhiAccessPrefix = "phi.";

    public const string AuditSearched = "compliance.audit.searched";
    public const string AuditExported = "compliance.audit.exported";

    /// <summary>One entry was opened in full (its values before and after included).</summary>
    public const string AuditEntryViewed = "compliance.audit.entry_viewed";

    /// <summary>The chain was verified; the outcome is <c>succeeded</c> when intact, <c>failed</c> otherwise, and the
    /// reason says how far it got.</summary>
    public const string AuditChainVerified = "compliance.audit.verified";
    public const string RetentionPurged = "compliance.retention.purged";
    public const string LegalHoldPlaced = "compliance.legal_hold.placed";
    public const string LegalHoldReleased = "compliance.legal_hold.released";
    public const string EncryptionKeyRotated = "compliance.encryption.key_rotated";
    public const string FieldsReencrypted = "compliance.encryption.reencrypted";

    /// <summary>A key of the ring was re-wrapped under a new master key (the previous one named in the reason).</summary>
    public const string EncryptionKeyRewrapped = "compliance.encryption.key_rewrapped";
}

/// <summary>How an audited action ended.</summary>
public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";

    /// <summary>The resource does not exist or is not the caller's (reported to the caller as not found).</summary>
    public const string NotFound = "not_found";

    public const string Forbidden = "forbidden";
    public const string Invalid = "invalid";
    public const string Failed = "failed";
}
