using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceAssist.BuildingBlocks.Contracts.Messaging;
using VoiceAssist.BuildingBlocks.Mediator;
using VoiceAssist.BuildingBlocks.Web;
using VoiceAssist.Integrations.Contracts;
using VoiceAssist.Integrations.Data;
using VoiceAssist.Integrations.Outbound;

namespace VoiceAssist.Integrations.Accounts.LinkAccount;

/// <summary>Links the caller's calendar or mail (replacing the one linked before) or adds a files folder; an
/// administrator may link a shared folder for everyone. The password is stored encrypted and never shown again.</summary>
internal sealed record LinkAccount(
    string OwnerId, bool CallerIsAdmin, string Kind, string ServerUrl, string UserName, string Password,
    string? SmtpUrl = null, string? TimeZone = null, string? Scope = null) : ICommand<LinkedAccountView>;

internal sealed class LinkAccountValidator : AbstractValidator<LinkAccount>
{
    public LinkAccountValidator(OutboundAddressPolicy policy)
    {
        RuleFor(l => l.Kind).Must(k => ConnectorKinds.All.Contains(k)).WithMessage($"Kind must be one of: {string.Join(", ", ConnectorKinds.All)}.");
        RuleFor(l => l.ServerUrl).NotEmpty().MaximumLength(2000)
            .Must((l, url) => ServerAddress.TryParse(url, l.Kind == ConnectorKinds.Mail ? ServerAddress.Imap : ServerAddress.Http, out _))
            .WithMessage(l => l.Kind == ConnectorKinds.Mail
                ? "Server address must be an imaps:// (or imap://) address, for example imaps://mail.example.org."
                : "Server address must be an absolute https:// (or http://) address.")
            .CustomAsync(async (url, context, ct) =>
            {
                if (await Reachable(policy, url, context.InstanceToValidate.Kind == ConnectorKinds.Mail ? ServerAddress.Imap : ServerAddress.Http, ct) is { } refused)
                {
                    context.AddFailure(refused);
                }
            });
        RuleFor(l => l.SmtpUrl).NotEmpty().When(l => l.Kind == ConnectorKinds.Mail).WithMessage("Mail needs the address replies are sent through (smtps:// or smtp://).");
        RuleFor(l => l.SmtpUrl!).MaximumLength(2000)
            .Must(url => ServerAddress.TryParse(url, ServerAddress.Smtp, out _)).WithMessage("Outgoing server must be an smtps:// (or smtp://) address.")
            .CustomAsync(async (url, context, ct) =>
            {
                if (await Reachable(policy, url, ServerAddress.Smtp, ct) is { } refused)
                {
                    context.AddFailure(refused);
                }
            })
            .When(l => !string.IsNullOrEmpty(l.SmtpUrl));
        RuleFor(l => l.SmtpUrl).Empty().When(l => l.Kind != ConnectorKinds.Mail).WithMessage("Only mail has an outgoing server.");
        RuleFor(l => l.UserName).NotEmpty().MaximumLength(320);
        RuleFor(l => l.Password).NotEmpty().WithMessage("Give the app password for this account.").MaximumLength(1000);
        RuleFor(l => l.TimeZone).Must(zone => zone is null || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            .WithMessage("Time zone must be an IANA time zone, for example Europe/London.");
        RuleFor(l => l.Scope).Must(scope => scope is null || LinkScopes.All.Contains(scope)).WithMessage("Scope must be personal or shared.");
        RuleFor(l => l.Scope).Must((l, scope) => scope != LinkScopes.Shared || l.Kind == ConnectorKinds.Files)
            .WithMessage("Only a files folder can be shared.");
    }

    private static async Task<string?> Reachable(OutboundAddressPolicy policy, string url, string[] schemes, CancellationToken cancellationToken)
    {
        if (!ServerAddress.TryParse(url, schemes, out var address))
        {
            return null;
        }

        try
        {
            await policy.Resolve(address.Host, address.Encrypted, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OutboundRefusedException refused)
        {
            return refused.Message;
        }
    }
}

internal sealed class LinkAccountHandler(IntegrationsDbContext db, TimeProvider time, IOptions<IntegrationsOptions> options)
    : IRequestHandler<LinkAccount, LinkedAccountView>
{
    public async Task<LinkedAccountView> Handle(LinkAccount request, CancellationToken cancellationToken)
    {
        var scope = request.Scope ?? LinkScopes.Personal;
        if (scope == LinkScopes.Shared && !request.CallerIsAdmin)
        {
            throw new ForbiddenException("Only an administrator links a shared folder.");
        }

        var now = time.GetUtcNow();
        // One calendar and one mailbox per user: linking again replaces the link (a new password, a new server).
        var account = request.Kind == ConnectorKinds.Files
            ? null
            : await db.LinkedAccounts.SingleOrDefaultAsync(a => a.OwnerId == request.OwnerId && a.Kind == request.Kind && a.Scope == LinkScopes.Personal, cancellationToken);
        if (account is null)
        {
            account = new LinkedAccount
            {
                Id = Guid.CreateVersion7(),
                OwnerId = request.OwnerId,
                Kind = request.Kind,
                Scope = scope,
                ServerUrl = request.ServerUrl,
                UserName = request.UserName,
                Secret = request.Password,
                TimeZone = request.TimeZone ?? options.Value.DefaultTimeZone,
                CreatedAt = now,
            };
            db.LinkedAccounts.Add(account);
        }

        account.ServerUrl = request.ServerUrl.Trim();
        account.SmtpUrl = request.SmtpUrl?.Trim();
        account.UserName = request.UserName.Trim();
        account.Secret = request.Password;
        account.TimeZone = request.TimeZone ?? account.TimeZone;
        account.UpdatedAt = now;
        account.LastError = null;
        account.LastErrorAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return LinkedAccountView.Of(account);
    }
}
