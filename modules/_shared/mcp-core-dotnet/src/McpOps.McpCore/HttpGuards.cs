using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace McpOps.McpCore;

/// <summary>Host, Origin and bearer-token checks, with the same rules as the TypeScript mcp-core.</summary>
internal sealed class HttpGuards
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>Railway sends its deploy health probes with this Host header.</summary>
    private static readonly string[] PlatformHealthHosts = ["healthcheck.railway.app"];

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _allowedHosts;
    private readonly HashSet<string> _allowedOrigins;
    private readonly bool _acceptAnyHost;
    private readonly string? _expectedToken;

    public HttpGuards(McpServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Looked up by span with a case-insensitive comparer: checking a Host header allocates nothing.
        _allowedHosts = new HashSet<string>([.. LoopbackHosts, .. PlatformHealthHosts, .. settings.AllowedHosts], StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _allowedOrigins = new HashSet<string>(settings.AllowedOrigins, StringComparer.Ordinal);

        // Bound to a wildcard address behind Cloud Run, Railway or an ingress, the public host names are
        // assigned by the platform and unknown at build time: accept any Host unless MCP_ALLOWED_HOSTS pins
        // them, and let the bearer token be the access control. On a loopback bind (the local default)
        // only loopback names pass, which stops DNS-rebinding pages from reaching a developer's server.
        _acceptAnyHost = settings.AllowedHosts.Count == 0 &&
            (settings.BindAddress.Equals(IPAddress.Any) || settings.BindAddress.Equals(IPAddress.IPv6Any));
        _expectedToken = settings.AuthToken;
    }

    /// <summary>Returns the status and message of the first failing check, or null when the request may proceed.</summary>
    public (int Status, string Message)? CheckHost(HttpRequest request)
    {
        if (_acceptAnyHost)
        {
            return null;
        }

        var host = request.Headers.Host.ToString();
        if (host.Length == 0)
        {
            return (StatusCodes.Status400BadRequest, "Missing Host header");
        }

        return _allowedHosts.Contains(StripPort(host.AsSpan())) ? null : (StatusCodes.Status403Forbidden, "Host not allowed");
    }

    /// <summary>
    /// Browsers attach Origin to cross-site requests; a present Origin must be listed or be the server's own
    /// host. Non-browser clients send none and pass. (The SDK itself accepts any Origin.)
    /// </summary>
    public (int Status, string Message)? CheckOrigin(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Origin", out var values))
        {
            return null;
        }

        var origin = values.ToString();
        if (NormalizeOrigin(origin) is { } normalized)
        {
            if (_allowedOrigins.Contains(normalized))
            {
                return null;
            }

            var host = request.Headers.Host.ToString().ToLowerInvariant();
            if (host.Length > 0 && new Uri(normalized).Authority.Equals(host, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return (StatusCodes.Status403Forbidden, "Origin not allowed");
    }

    /// <summary>Whether the request carries "Authorization: Bearer &lt;the token&gt;", compared in fixed time.</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        if (_expectedToken is null)
        {
            return true;
        }

        var presented = ExtractBearer(request.Headers.Authorization.ToString());
        return !presented.IsEmpty && FixedTimeEquals(presented, _expectedToken);
    }

    /// <summary>
    /// Walks the expected token's full length whatever is presented, so the time taken depends on neither
    /// where a guess differs nor whether its length is right: it leaks nothing about the token but its
    /// (fixed) length. Not optimised, so the JIT cannot turn the loop into an early exit. (A SHA-256 of
    /// each side cost more than the rest of the request checks together.)
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    internal static bool FixedTimeEquals(ReadOnlySpan<char> presented, ReadOnlySpan<char> expected)
    {
        if (presented.IsEmpty)
        {
            return expected.IsEmpty;
        }

        var difference = presented.Length ^ expected.Length;
        var last = presented.Length - 1;
        for (var i = 0; i < expected.Length; i++)
        {
            difference |= presented[Math.Min(i, last)] ^ expected[i];
        }

        return difference == 0;
    }

    /// <summary>scheme://host[:port] as browsers send it, or null when the value is not an origin.</summary>
    public static string? NormalizeOrigin(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.AbsolutePath.Length > 1 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public static string StripPort(string host) => StripPort(host.AsSpan()).ToString();

    private static ReadOnlySpan<char> StripPort(ReadOnlySpan<char> host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end < 0 ? host : host[..(end + 1)];
        }

        var colon = host.IndexOf(':');

        // More than one colon without brackets is a bare IPv6 literal, which has no port.
        return colon < 0 || host[(colon + 1)..].Contains(':') ? host : host[..colon];
    }

    /// <summary>The token of "Bearer &lt;token&gt;", or empty when the header is anything else.</summary>
    private static ReadOnlySpan<char> ExtractBearer(string header)
    {
        const string Scheme = "Bearer";
        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ||
            (header[Scheme.Length] != ' ' && header[Scheme.Length] != '\t'))
        {
            return default;
        }

        var token = header.AsSpan(Scheme.Length).Trim(" \t");
        foreach (var character in token)
        {
            if (char.IsWhiteSpace(character))
            {
                return default;
            }
        }

        return token;
    }
}
