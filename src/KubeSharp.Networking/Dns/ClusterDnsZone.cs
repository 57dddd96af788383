using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;

namespace KubeSharp.Networking.Dns;

/// <summary>The answer to one question from the cluster's records.</summary>
internal sealed record ZoneAnswer(DnsResponseCode Code, IReadOnlyList<DnsRecord> Answers, IReadOnlyList<DnsRecord> Authority, IReadOnlyList<DnsRecord> Additional);

/// <summary>
/// The records of the Kubernetes DNS specification (schema 1.1.0) for one cluster domain, computed from a
/// <see cref="ClusterDnsCatalog"/> at question time:
/// <list type="bullet">
/// <item><c>&lt;svc&gt;.&lt;ns&gt;.svc.&lt;zone&gt;</c>: A/AAAA of the cluster IPs, or of the ready endpoints of a headless service; CNAME for ExternalName.</item>
/// <item><c>&lt;hostname&gt;.&lt;svc&gt;.&lt;ns&gt;.svc.&lt;zone&gt;</c>: A/AAAA of a headless service's endpoint (its hostname, else its address with dashes).</item>
/// <item><c>_&lt;port&gt;._&lt;proto&gt;.&lt;svc&gt;.&lt;ns&gt;.svc.&lt;zone&gt;</c>: SRV per named port.</item>
/// <item><c>&lt;a-b-c-d&gt;.&lt;ns&gt;.pod.&lt;zone&gt;</c>: A of the address spelled in the name (not checked against pods).</item>
/// <item><c>dns-version.&lt;zone&gt;</c>: TXT "1.1.0"; PTR for cluster IPs and headless endpoint addresses.</item>
/// </list>
/// A name in the zone that does not exist is NXDOMAIN with the zone's SOA as authority; an existing name without
/// records of the asked type is NOERROR with no answers (NODATA) and the SOA.
/// </summary>
internal sealed class ClusterDnsZone
{
    public const string SchemaVersion = "1.1.0";

    /// <summary>Answers are short-lived: services and endpoints change, and clients should notice soon.</summary>
    public const uint Ttl = 5;

    private readonly ClusterDnsCatalog _catalog;
    private readonly uint _serial;

    public ClusterDnsZone(ClusterDnsCatalog catalog, string domain = "cluster.local", uint serial = 1)
    {
        _catalog = catalog;
        Domain = DnsName.Normalize(domain);
        _serial = serial;
    }

    /// <summary>The cluster domain, normalised (lower case, no trailing dot).</summary>
    public string Domain { get; }

    /// <summary>The zone's SOA record, sent as authority with negative answers.</summary>
    public DnsRecord Soa => new(
        DnsName.Absolute(Domain), DnsType.SOA, DnsMessage.ClassInternet, Ttl,
        new StartOfAuthorityRecordData($"ns.dns.{Domain}.", $"hostmaster.{Domain}.", _serial, 7200, 1800, 86400, Ttl));

    /// <summary>
    /// The answer to <paramref name="question"/>, or null if the name is not this zone's to answer (another domain,
    /// or a reverse name of an address the cluster does not know): the caller forwards those upstream.
    /// </summary>
    public ZoneAnswer? Answer(DnsQuestion question)
    {
        var name = DnsName.Normalize(question.Name);
        if (name.EndsWith(".in-addr.arpa", StringComparison.Ordinal) || name.EndsWith(".ip6.arpa", StringComparison.Ordinal))
        {
            return AnswerReverse(question, name);
        }

        if (!DnsName.IsInZone(name, Domain))
        {
            return null;
        }

        var relative = name.Length == Domain.Length ? [] : DnsName.Labels(name[..^(Domain.Length + 1)]);
        return relative.Count switch
        {
            0 => question.Type == DnsType.SOA ? Found([Soa]) : NoData(),
            1 when relative[0] == "dns-version" => question.Type == DnsType.TXT
                ? Found([new DnsRecord(question.Name, DnsType.TXT, DnsMessage.ClassInternet, Ttl, new TextRecordData([SchemaVersion]))])
                : NoData(),
            1 when relative[0] is "svc" or "pod" => NoData(),
            _ when relative[^1] == "svc" => AnswerService(question, relative),
            _ when relative[^1] == "pod" => AnswerPod(question, relative),
            _ => NameError(),
        };
    }

    private ZoneAnswer AnswerService(DnsQuestion question, IReadOnlyList<string> relative)
    {
        var ns = relative[^2];
        if (relative.Count == 2)
        {
            return _catalog.HasServicesIn(ns) ? NoData() : NameError();
        }

        var service = _catalog.GetService(ns, relative[^3]);
        if (service is null)
        {
            return NameError();
        }

        var serviceName = $"{relative[^3]}.{ns}.svc.{Domain}.";
        switch (relative.Count)
        {
            case 3:
                return AnswerServiceName(question, service);
            case 4 when relative[0].StartsWith('_'):
                // "_<proto>.<svc>": an empty non-terminal above the SRV names.
                var protocol = relative[0][1..];
                return Ports(service).Any(p => string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.OrdinalIgnoreCase)) ? NoData() : NameError();
            case 4:
                var endpoints = Endpoints(service).Where(e => e.Hostname == relative[0]).ToList();
                if (!IsHeadless(service) || endpoints.Count == 0)
                {
                    return NameError();
                }

                return AddressAnswer(question, endpoints.Select(e => e.Address));
            case 5 when relative[0].StartsWith('_') && relative[1].StartsWith('_'):
                return AnswerSrv(question, service, serviceName, relative[0][1..], relative[1][1..]);
            default:
                return NameError();
        }
    }

    private ZoneAnswer AnswerServiceName(DnsQuestion question, Service service)
    {
        if (string.Equals(service.Spec?.Type, "ExternalName", StringComparison.Ordinal) && service.Spec?.ExternalName is { Length: > 0 } external)
        {
            // A CNAME answers every type; the resolver follows it.
            return Found([new DnsRecord(question.Name, DnsType.CNAME, DnsMessage.ClassInternet, Ttl, new NameRecordData(DnsName.Absolute(external)))]);
        }

        var addresses = IsHeadless(service) ? Endpoints(service).Select(e => e.Address).Distinct() : ClusterIPs(service);
        return AddressAnswer(question, addresses);
    }

    private ZoneAnswer AnswerSrv(DnsQuestion question, Service service, string serviceName, string portName, string protocol)
    {
        var port = Ports(service).FirstOrDefault(p =>
            string.Equals(p.Name, portName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.OrdinalIgnoreCase));
        if (port is null)
        {
            return NameError();
        }

        if (question.Type != DnsType.SRV)
        {
            return NoData();
        }

        var answers = new List<DnsRecord>();
        var additional = new List<DnsRecord>();
        if (!IsHeadless(service))
        {
            answers.Add(Srv(question, 100, (ushort)(port.Port ?? 0), serviceName));
            additional.AddRange(ClusterIPs(service).Select(ip => AddressRecord(serviceName, ip)));
        }
        else
        {
            var endpoints = Endpoints(service).Where(e => e.Ports.Any(p => string.Equals(p.Name ?? "", port.Name ?? "", StringComparison.Ordinal) && string.Equals(p.Protocol ?? "TCP", port.Protocol ?? "TCP", StringComparison.OrdinalIgnoreCase))).ToList();
            var weight = (ushort)Math.Max(1, 100 / Math.Max(1, endpoints.Count));
            foreach (var endpoint in endpoints)
            {
                var target = $"{endpoint.Hostname}.{serviceName}";
                var endpointPort = endpoint.Ports.First(p => string.Equals(p.Name ?? "", port.Name ?? "", StringComparison.Ordinal));
                answers.Add(Srv(question, weight, (ushort)(endpointPort.Port ?? 0), target));
                additional.Add(AddressRecord(target, endpoint.Address));
            }
        }

        return answers.Count == 0 ? NoData() : new ZoneAnswer(DnsResponseCode.NoError, answers, [], additional);
    }

    private static DnsRecord Srv(DnsQuestion question, ushort weight, ushort port, string target) =>
        new(question.Name, DnsType.SRV, DnsMessage.ClassInternet, Ttl, new ServiceRecordData(0, weight, port, target));

    private ZoneAnswer AnswerPod(DnsQuestion question, IReadOnlyList<string> relative)
    {
        if (relative.Count == 2)
        {
            return NoData();
        }

        if (relative.Count != 3)
        {
            return NameError();
        }

        var dotted = relative[0].Replace('-', '.');
        var isIPv4 = relative[0].Count(c => c == '-') == 3 && IPAddress.TryParse(dotted, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork;
        if (isIPv4)
        {
            return AddressAnswer(question, [IPAddress.Parse(dotted)]);
        }

        // IPv6 pods are named with the colons as dashes.
        return relative[0].Contains("--", StringComparison.Ordinal) || relative[0].Count(c => c == '-') == 7
            ? IPAddress.TryParse(relative[0].Replace('-', ':'), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? AddressAnswer(question, [v6]) : NameError()
            : NameError();
    }

    private ZoneAnswer? AnswerReverse(DnsQuestion question, string name)
    {
        if (!TryParseReverse(name, out var address))
        {
            return null;
        }

        var targets = new List<string>();
        foreach (var service in _catalog.Services())
        {
            var ns = service.Metadata?.Namespace;
            var svc = service.Metadata?.Name;
            var serviceName = $"{svc}.{ns}.svc.{Domain}.";
            if (ClusterIPs(service).Contains(address))
            {
                targets.Add(serviceName);
            }
            else if (IsHeadless(service))
            {
                targets.AddRange(Endpoints(service).Where(e => e.Address.Equals(address)).Select(e => $"{e.Hostname}.{serviceName}"));
            }
        }

        if (targets.Count == 0)
        {
            return null;
        }

        if (question.Type != DnsType.PTR)
        {
            return NoData();
        }

        return Found([.. targets.Distinct(StringComparer.Ordinal).Select(t => new DnsRecord(question.Name, DnsType.PTR, DnsMessage.ClassInternet, Ttl, new NameRecordData(t)))]);
    }

    internal static bool TryParseReverse(string name, out IPAddress address)
    {
        address = IPAddress.None;
        if (name.EndsWith(".in-addr.arpa", StringComparison.Ordinal))
        {
            var octets = name[..^".in-addr.arpa".Length].Split('.');
            if (octets.Length != 4 || !octets.All(o => byte.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return false;
            }

            address = IPAddress.Parse(string.Join('.', octets.Reverse()));
            return true;
        }

        var nibbles = name[..^".ip6.arpa".Length].Split('.');
        if (nibbles.Length != 32 || nibbles.Any(n => n.Length != 1 || !Uri.IsHexDigit(n[0])))
        {
            return false;
        }

        var bytes = new byte[16];
        for (var i = 0; i < 32; i++)
        {
            var value = Convert.ToByte(nibbles[31 - i], 16);
            bytes[i / 2] |= (byte)(i % 2 == 0 ? value << 4 : value);
        }

        address = new IPAddress(bytes);
        return true;
    }

    private ZoneAnswer AddressAnswer(DnsQuestion question, IEnumerable<IPAddress> addresses)
    {
        var family = question.Type switch
        {
            DnsType.A => AddressFamily.InterNetwork,
            DnsType.AAAA => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        var answers = addresses.Where(a => a.AddressFamily == family || question.Type == DnsType.ANY).Select(a => AddressRecord(question.Name, a)).ToList();
        return answers.Count == 0 ? NoData() : Found(answers);
    }

    private static DnsRecord AddressRecord(string name, IPAddress address) =>
        new(name, address.AddressFamily == AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A, DnsMessage.ClassInternet, Ttl, new AddressRecordData(address));

    private static ZoneAnswer Found(IReadOnlyList<DnsRecord> answers) => new(DnsResponseCode.NoError, answers, [], []);

    private ZoneAnswer NoData() => new(DnsResponseCode.NoError, [], [Soa], []);

    private ZoneAnswer NameError() => new(DnsResponseCode.NameError, [], [Soa], []);

    private static bool IsHeadless(Service service) =>
        string.Equals(service.Spec?.ClusterIP, "None", StringComparison.Ordinal) && !string.Equals(service.Spec?.Type, "ExternalName", StringComparison.Ordinal);

    private static IEnumerable<ServicePort> Ports(Service service) => service.Spec?.Ports ?? [];

    private static List<IPAddress> ClusterIPs(Service service)
    {
        var ips = service.Spec?.ClusterIPs is { Count: > 0 } list ? list : service.Spec?.ClusterIP is { } one ? [one] : [];
        return [.. ips.Select(ip => IPAddress.TryParse(ip, out var address) ? address : null).OfType<IPAddress>()];
    }

    /// <summary>The service's endpoints DNS publishes: ready ones, or all with publishNotReadyAddresses.</summary>
    private IEnumerable<EndpointRecord> Endpoints(Service service)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        foreach (var slice in _catalog.SlicesOf(service.Metadata?.Namespace ?? "", service.Metadata?.Name ?? ""))
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                if (!publishNotReady && endpoint.Conditions?.Ready == false)
                {
                    continue;
                }

                foreach (var text in endpoint.Addresses ?? [])
                {
                    if (IPAddress.TryParse(text, out var address))
                    {
                        var hostname = endpoint.Hostname is { Length: > 0 } h ? h.ToLowerInvariant() : text.Replace('.', '-').Replace(':', '-');
                        yield return new EndpointRecord(address, hostname, slice.Ports ?? []);
                    }
                }
            }
        }
    }

    private sealed record EndpointRecord(IPAddress Address, string Hostname, IReadOnlyList<KubeSharp.Api.Discovery.V1.EndpointPort> Ports);
}
