using Microsoft.EntityFrameworkCore;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Persistence;
using VoiceAssist.Identity.Contracts;
using VoiceAssist.Identity.EmergencyAccess;
using VoiceAssist.Identity.Mfa;
using VoiceAssist.Identity.Passkeys;
using VoiceAssist.Identity.Security;
using VoiceAssist.Identity.Sessions;
using VoiceAssist.Identity.SingleSignOn;
using VoiceAssist.Identity.Users;

namespace VoiceAssist.Identity.Data;

// origin: where the current request came from, stamped on each security event this context queues; absent when the
// context is made outside the host's services.
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, RequestOrigin? origin = null) : ModuleDbContext(options, IdentityModule.Schema)
{
    /// <summary>Queues the event in the outbox; a security event first gets the client address and correlation id of
    /// the request that caused it.</summary>
    public new void AddIntegrationEvent(IIntegrationEvent integrationEvent) =>
        base.AddIntegrationEvent(integrationEvent is SecurityEvent security && origin is not null
            ? (IIntegrationEvent)(security with { ClientIp = security.ClientIp ?? origin.ClientAddress, CorrelationId = security.CorrelationId ?? origin.CorrelationId })
            : integrationEvent);

    public DbSet<User> Users => Set<User>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<EmergencyAccessGrantRecord> EmergencyAccessGrants => Set<EmergencyAccessGrantRecord>();

    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();

    public DbSet<Passkey> Passkeys => Set<Passkey>();

    public DbSet<PasskeyCeremony> PasskeyCeremonies => Set<PasskeyCeremony>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<SecurityNotice> SecurityNotices => Set<SecurityNotice>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ux_users_normalized_email");
            user.HasIndex(u => u.NormalizedUserName).IsUnique().HasDatabaseName("ux_users_normalized_user_name");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Email).HasColumnName("email").IsRequired();
            user.Property(u => u.NormalizedEmail).HasColumnName("normalized_email").IsRequired();
            user.Property(u => u.DisplayName).HasColumnName("display_name");
            user.Property(u => u.Role).HasColumnName("role");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
            user.Property(u => u.DisabledAt).HasColumnName("disabled_at");
            user.Property(u => u.LastSignInAt).HasColumnName("last_sign_in_at");
            user.HasIndex(u => new { u.CreatedAt, u.Id }).HasDatabaseName("ix_users_created_at");
            user.HasIndex(u => new { u.DisplayName, u.Id }).HasDatabaseName("ix_users_display_name");
            user.HasIndex(u => new { u.LastSignInAt, u.Id }).HasDatabaseName("ix_users_last_sign_in_at");
            user.Property(u => u.UserName).HasColumnName("user_name").IsRequired();
            user.Property(u => u.NormalizedUserName).HasColumnName("normalized_user_name").IsRequired();
            user.Property(u => u.EmailConfirmed).HasColumnName("email_confirmed");
            user.Property(u => u.PasswordHash).HasColumnName("password_hash");
            user.Property(u => u.SecurityStamp).HasColumnName("security_stamp").IsRequired();
            user.Property(u => u.ConcurrencyStamp).HasColumnName("concurrency_stamp").IsRequired().IsConcurrencyToken();
            user.Property(u => u.TwoFactorEnabled).HasColumnName("two_factor_enabled");
            user.Property(u => u.LockoutEnabled).HasColumnName("lockout_enabled");
            user.Property(u => u.LockoutEnd).HasColumnName("lockout_end");
            user.Property(u => u.AccessFailedCount).HasColumnName("access_failed_count");
            user.Property(u => u.TotpSecret).HasColumnName("totp_secret");
            user.Property(u => u.PendingTotpSecret).HasColumnName("pending_totp_secret");
            user.Property(u => u.TotpLastTimeStep).HasColumnName("totp_last_time_step");
            user.Ignore(u => u.PhoneNumber);
            user.Ignore(u => u.PhoneNumberConfirmed);
        });

        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.HasKey(i => i.Id);
            invitation.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
            invitation.HasIndex(i => i.TokenHash).IsUnique().HasDatabaseName("ux_invitations_token_hash");
            invitation.Property(i => i.Id).HasColumnName("id");
            invitation.Property(i => i.UserId).HasColumnName("user_id");
            invitation.Property(i => i.TokenHash).HasColumnName("token_hash");
            invitation.Property(i => i.CreatedAt).HasColumnName("created_at");
            invitation.Property(i => i.ExpiresAt).HasColumnName("expires_at");
            invitation.Property(i => i.AcceptedAt).HasColumnName("accepted_at");
        });

        modelBuilder.Entity<RecoveryCode>(code =>
        {
            code.ToTable("recovery_codes");
            code.HasKey(c => c.Id);
            code.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            code.Property(c => c.Id).HasColumnName("id");
            code.Property(c => c.UserId).HasColumnName("user_id");
            code.Property(c => c.CodeHash).HasColumnName("code_hash");
            code.Property(c => c.CreatedAt).HasColumnName("created_at");
            code.Property(c => c.UsedAt).HasColumnName("used_at");
        });

        modelBuilder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Id);
            session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.Property(s => s.Id).HasColumnName("id");
            session.Property(s => s.UserId).HasColumnName("user_id");
            session.Property(s => s.AuthenticationMethods).HasColumnName("authentication_methods");
            session.Property(s => s.UserAgent).HasColumnName("user_agent");
            session.Property(s => s.IpAddress).HasColumnName("ip_address");
            session.Property(s => s.CreatedAt).HasColumnName("created_at");
            session.Property(s => s.LastRefreshedAt).HasColumnName("last_refreshed_at");
            session.Property(s => s.ExpiresAt).HasColumnName("expires_at");
            session.Property(s => s.RevokedAt).HasColumnName("revoked_at");
            session.Property(s => s.RevokedReason).HasColumnName("revoked_reason");
            session.Property(s => s.Kind).HasColumnName("kind");
            session.Property(s => s.CookieHash).HasColumnName("cookie_hash");
            session.Property(s => s.LastActivityAt).HasColumnName("last_activity_at");
            session.Property(s => s.IdleExpiresAt).HasColumnName("idle_expires_at");
            session.Property(s => s.Provider).HasColumnName("provider");
            session.Property(s => s.IdTokenHint).HasColumnName("id_token_hint");
            session.HasIndex(s => s.CookieHash).IsUnique().HasDatabaseName("ux_sessions_cookie_hash");
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
            token.HasIndex(t => t.TokenHash).IsUnique().HasDatabaseName("ux_refresh_tokens_token_hash");
            token.Property(t => t.Id).HasColumnName("id");
            token.Property(t => t.SessionId).HasColumnName("session_id");
            token.Property(t => t.TokenHash).HasColumnName("token_hash");
            token.Property(t => t.CreatedAt).HasColumnName("created_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
        });
    

        modelBuilder.Entity<ExternalLogin>(login =>
        {
            login.ToTable("external_logins");
            login.HasKey(l => new { l.Provider, l.Subject });
            login.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
            login.Property(l => l.Provider).HasColumnName("provider");
            login.Property(l => l.Subject).HasColumnName("subject");
            login.Property(l => l.UserId).HasColumnName("user_id");
            login.Property(l => l.CreatedAt).HasColumnName("created_at");
            login.Property(l => l.LastSignInAt).HasColumnName("last_sign_in_at");
        });

        modelBuilder.Entity<Passkey>(passkey =>
        {
            passkey.ToTable("passkeys");
            passkey.HasKey(p => p.Id);
            passkey.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            passkey.HasIndex(p => p.CredentialId).IsUnique().HasDatabaseName("ux_passkeys_credential_id");
            passkey.HasIndex(p => p.UserId).HasDatabaseName("ix_passkeys_user_id");
            passkey.Property(p => p.Id).HasColumnName("id");
            passkey.Property(p => p.UserId).HasColumnName("user_id");
            passkey.Property(p => p.CredentialId).HasColumnName("credential_id");
            passkey.Property(p => p.PublicKey).HasColumnName("public_key");
            passkey.Property(p => p.Name).HasColumnName("name");
            passkey.Property(p => p.CreatedAt).HasColumnName("created_at");
            passkey.Property(p => p.LastUsedAt).HasColumnName("last_used_at");
            passkey.Property(p => p.SignCount).HasColumnName("sign_count");
            passkey.Property(p => p.Transports).HasColumnName("transports");
            passkey.Property(p => p.IsUserVerified).HasColumnName("is_user_verified");
            passkey.Property(p => p.IsBackupEligible).HasColumnName("is_backup_eligible");
            passkey.Property(p => p.IsBackedUp).HasColumnName("is_backed_up");
            passkey.Property(p => p.AttestationObject).HasColumnName("attestation_object");
            passkey.Property(p => p.ClientDataJson).HasColumnName("client_data_json");
        });

        modelBuilder.Entity<PasskeyCeremony>(ceremony =>
        {
            ceremony.ToTable("passkey_ceremonies");
            ceremony.HasKey(c => c.Id);
            ceremony.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            ceremony.HasIndex(c => c.ExpiresAt).HasDatabaseName("ix_passkey_ceremonies_expires_at");
            ceremony.Property(c => c.Id).HasColumnName("id");
            ceremony.Property(c => c.Purpose).HasColumnName("purpose");
            ceremony.Property(c => c.UserId).HasColumnName("user_id");
            ceremony.Property(c => c.State).HasColumnName("state");
            ceremony.Property(c => c.ExpiresAt).HasColumnName("expires_at");
        });

        modelBuilder.Entity<SignInThrottle>(throttle =>
        {
            throttle.ToTable("sign_in_throttles");
            throttle.HasKey(t => new { t.UserId, t.ClientAddress });
            throttle.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            throttle.Property(t => t.UserId).HasColumnName("user_id");
            throttle.Property(t => t.ClientAddress).HasColumnName("client_address");
            throttle.Property(t => t.FailedAttempts).HasColumnName("failed_attempts");
            throttle.Property(t => t.LastFailureAt).HasColumnName("last_failure_at");
            throttle.Property(t => t.LockedUntil).HasColumnName("locked_until");
        });

        modelBuilder.Entity<SecurityNotice>(notice =>
        {
            notice.ToTable("security_notices");
            notice.HasKey(n => n.Id);
            notice.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            notice.HasIndex(n => new { n.UserId, n.OccurredAt }).HasDatabaseName("ix_security_notices_user_id");
            notice.Property(n => n.Id).HasColumnName("id");
            notice.Property(n => n.UserId).HasColumnName("user_id");
            notice.Property(n => n.Kind).HasColumnName("kind");
            notice.Property(n => n.ClientAddress).HasColumnName("client_address");
            notice.Property(n => n.OccurredAt).HasColumnName("occurred_at");
            notice.Property(n => n.Until).HasColumnName("until");
        });

        modelBuilder.Entity<EmergencyAccessGrantRecord>(grant =>
        {
            grant.ToTable("emergency_access_grants");
            grant.HasKey(g => g.Id);
            grant.HasIndex(g => new { g.UserId, g.ResourceType, g.ResourceId, g.ExpiresAt }).HasDatabaseName("ix_emergency_access_grants_lookup");
            grant.Property(g => g.Id).HasColumnName("id");
            grant.Property(g => g.UserId).HasColumnName("user_id");
            grant.Property(g => g.ResourceType).HasColumnName("resource_type");
            grant.Property(g => g.ResourceId).HasColumnName("resource_id");
            grant.Property(g => g.OwnerId).HasColumnName("owner_id");
            grant.Property(g => g.Reason).HasColumnName("reason");
            grant.Property(g => g.GrantedAt).HasColumnName("granted_at");
            grant.Property(g => g.ExpiresAt).HasColumnName("expires_at");
        });
    }
}
