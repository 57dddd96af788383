using System.Diagnostics;

namespace KubeSharp.Networking.Tests.Dns;

/// <summary>
/// Asks a DNS server one question with an independent client (python3's sockets; dig is not installed here),
/// so the server is checked against a wire-format implementation other than its own.
/// </summary>
internal static class PythonDnsQuery
{
    private const string Script = """
        import random, socket, struct, sys
        host, port, name, qtype, transport = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
        types = {'A': 1, 'CNAME': 5, 'SOA': 6, 'PTR': 12, 'TXT': 16, 'AAAA': 28, 'SRV': 33}
        names = {v: k for k, v in types.items()}
        qid = random.randint(0, 65535)
        q = struct.pack('>HHHHHH', qid, 0x0100, 1, 0, 0, 0)
        for label in name.rstrip('.').split('.'):
            q += bytes([len(label)]) + label.encode()
        q += b'\x00' + struct.pack('>HH', types[qtype], 1)
        if transport == 'tcp':
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(struct.pack('>H', len(q)) + q)
            def recv(n):
                b = b''
                while len(b) < n:
                    chunk = s.recv(n - len(b))
                    if not chunk: raise EOFError()
                    b += chunk
                return b
            r = recv(struct.unpack('>H', recv(2))[0])
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(5)
            s.sendto(q, (host, port))
            r, _ = s.recvfrom(65535)
        rid, flags, qd, an, ns, ar = struct.unpack('>HHHHHH', r[:12])
        assert rid == qid, 'id mismatch'
        def read_name(pos):
            labels, end = [], None
            while True:
                n = r[pos]
                if n & 0xC0 == 0xC0:
                    if end is None: end = pos + 2
                    pos = ((n & 0x3F) << 8) | r[pos + 1]
                    continue
                pos += 1
                if n == 0: break
                labels.append(r[pos:pos + n].decode()); pos += n
            return '.'.join(labels), (end if end is not None else pos)
        pos = 12
        for _ in range(qd):
            _, pos = read_name(pos); pos += 4
        print('rcode=%d aa=%d tc=%d' % (flags & 0xF, (flags >> 10) & 1, (flags >> 9) & 1))
        for i in range(an + ns):
            owner, pos = read_name(pos)
            t, c, ttl, length = struct.unpack('>HHIH', r[pos:pos + 10]); pos += 10
            data = r[pos:pos + length]
            tn = names.get(t, str(t))
            if t == 1: value = socket.inet_ntoa(data)
            elif t in (5, 12): value = read_name(pos)[0]
            elif t == 33: value = '%d %d %d %s' % (struct.unpack('>HHH', data[:6]) + (read_name(pos + 6)[0],))
            elif t == 16: value = data[1:1 + data[0]].decode()
            else: value = ''
            print(('%s %s' if i < an else 'authority %s %s') % (tn, value))
            pos += length
        """;

    public static bool IsAvailable => FindPython() is not null;

    /// <summary>The response as lines: "rcode=N aa=N tc=N", then "TYPE value" per answer and "authority TYPE value".</summary>
    public static async Task<string[]> AskAsync(int port, string name, string type, bool tcp = false)
    {
        var start = new ProcessStartInfo(FindPython() ?? "python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Script, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), name, type, tcp ? "tcp" : "udp" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python3 query for {name} {type} failed: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, "python3"))
            .FirstOrDefault(File.Exists);
}
