using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VoiceAssist.Integrations.Outbound;

/// <summary>Refuses connections to addresses inside VoiceAssist's own network (server-side request forgery): loopback,
/// private, link-local, carrier-grade NAT, unspecified and multicast addresses, in IPv4 and IPv6 (IPv4-mapped
/// included), unless an administrator allowed the network in <c>Integrations:AllowedPrivateNetworks</c>. Plain
/// <c>http</c>/<c>imap</c>/<c>smtp</c> without TLS is allowed only to such allowed networks; anything on a public
/// address must use TLS. The address is checked after name resolution and the connection made to the checked
/// address, so a name that resolves differently the second time cannot slip past.</summary>
internal sealed class OutboundAddressPolicy(IOptions<IntegrationsOptions> options)
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] allowed = [.. options.Value.AllowedPrivateNetworks.Select(IPNetwork.Parse)];

    /// <summary>Whether an address is in VoiceAssist's own network and not allowed by the administrator.</summary>
    public bool IsRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Internal.Any(n => n.Contains(normalised)) && !allowed.Any(n => n.Contains(normalised));
    }

    /// <summary>Whether an address is one the administrator allowed although it is internal.</summary>
    public bool IsAllowedInternal(IPAddress address)
    {
        var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Internal.Any(n => n.Contains(normalised)) && allowed.Any(n => n.Contains(normalised));
    }

    /// <summary>The addresses of <paramref name="host"/> a connection may use, or a refusal the user can read.</summary>
    public async Task<IPAddress[]> Resolve(string host, bool encrypted, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            throw new OutboundRefusedException($"The server name {host} could not be found.");
        }

        var usable = addresses.Where(a => !IsRefused(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new OutboundRefusedException($"{host} is an internal address; an administrator must allow its network before it can be linked.");
        }

        if (!encrypted && !usable.All(IsAllowedInternal))
        {
            throw new OutboundRefusedException($"{host} must be reached over TLS (https, imaps or smtps).");
        }

        return usable;
    }

    /// <summary>Opens a TCP connection to a checked address of <paramref name="host"/>.</summary>
    public async Task<Socket> Connect(string host, int port, bool encrypted, CancellationToken cancellationToken)
    {
        var addresses = await Resolve(host, encrypted, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                last = e;
                socket.Dispose();
            }
        }

        throw new HttpRequestException($"{host}:{port} refused the connection.", last);
    }
}

/// <summary>A linked server's address that VoiceAssist will not connect to; the message says why.</summary>
internal sealed class OutboundRefusedException(string message) : Exception(message);
