using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace McpOps.McpCore;

/// <summary>
/// The environment contract shared with the TypeScript mcp-core (same variables, defaults and
/// ranges). Parsed once at start-up so a bad deployment fails fast with a message naming the
/// variable instead of at the first request.
/// </summary>
public sealed partial record McpServerSettings
{
    public const int DefaultPort = 8080;

    public static IReadOnlyList<string> LogLevels { get; } = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

    public int Port { get; init; } = DefaultPort;

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The parsed bind address of <see cref="Host"/>.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Null only when auth is explicitly disabled.</summary>
    public string? AuthToken { get; init; }

    public bool AuthDisabled { get; init; }

    /// <summary>Exact origins (scheme://host[:port]) allowed besides the server's own host.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Host names (lower case, no port) allowed besides loopback and platform health hosts.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>"" or a path starting with '/' and not ending with '/'.</summary>
    public string BasePath { get; init; } = "";

    /// <summary>GOOGLE_CLOUD_PROJECT: request log lines name their trace as projects/&lt;id&gt;/traces/&lt;trace&gt;.</summary>
    public string GoogleCloudProject { get; init; } = "";

    public string LogLevelName { get; init; } = "info";

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromMilliseconds(8_000);

    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMilliseconds(120_000);

    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    public int MaxSseSessions { get; init; } = 100;

    public TimeSpan SseKeepAlive { get; init; } = TimeSpan.FromMilliseconds(15_000);

    /// <summary><see cref="TimeSpan.Zero"/> disables closing SSE sessions that receive no message.</summary>
    public TimeSpan SseIdleTimeout { get; init; } = TimeSpan.Zero;

    public LogLevel MinimumLogLevel => LogLevelName switch
    {
        "fatal" => LogLevel.Critical,
        "error" => LogLevel.Error,
        "warn" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        "trace" => LogLevel.Trace,
        "silent" => LogLevel.None,
        _ => LogLevel.Information,
    };

    /// <summary>Reads the contract from <paramref name="environment"/>; throws <see cref="McpConfigException"/> listing every problem.</summary>
    public static McpServerSettings Load(IReadOnlyDictionary<string, string?> environment, int defaultPort = DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();

        string? Read(string name) =>
            environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        long Integer(string name, long fallback, long min, long max)
        {
            var raw = Read(name);
            if (raw is null)
            {
                return fallback;
            }

            if (!Digits().IsMatch(raw) || !long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                problems.Add($"{name} must be an integer between {min} and {max}, got \"{raw}\"");
                return fallback;
            }

            return value;
        }

        bool Boolean(string name)
        {
            var raw = Read(name)?.ToLowerInvariant();
            switch (raw)
            {
                case null or "false" or "0":
                    return false;
                case "true" or "1":
                    return true;
                default:
                    problems.Add($"{name} must be \"true\" or \"false\", got \"{raw}\"");
                    return false;
            }
        }

        IEnumerable<string> List(string name) =>
            (Read(name) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // MCP_AUTH_TOKEN_FILE: the token as a mounted secret file (Compose/Kubernetes secrets); the
        // chiseled image has no shell that could read it into MCP_AUTH_TOKEN.
        string? TokenFromFile()
        {
            if (Read("MCP_AUTH_TOKEN_FILE") is not { } path)
            {
                return null;
            }

            if (Read("MCP_AUTH_TOKEN") is not null)
            {
                problems.Add("MCP_AUTH_TOKEN and MCP_AUTH_TOKEN_FILE are both set: set only one of them");
                return null;
            }

            try
            {
                var token = File.ReadAllText(path).Trim();
                if (token.Length == 0)
                {
                    problems.Add($"MCP_AUTH_TOKEN_FILE points to {path}, which is empty");
                }

                return token.Length == 0 ? null : token;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                problems.Add($"MCP_AUTH_TOKEN_FILE points to {path}, which cannot be read ({error.GetType().Name})");
                return null;
            }
        }

        var authDisabled = Boolean("MCP_AUTH_DISABLED");
        var fileToken = TokenFromFile();
        var authToken = Read("MCP_AUTH_TOKEN") ?? fileToken;
        if (!authDisabled && authToken is null && Read("MCP_AUTH_TOKEN_FILE") is null)
        {
            problems.Add(
                "MCP_AUTH_TOKEN is not set. Set MCP_AUTH_TOKEN (or MCP_AUTH_TOKEN_FILE) to a secret bearer token, " +
                "or set MCP_AUTH_DISABLED=true explicitly for local development only.");
        }

        var logLevel = (Read("LOG_LEVEL") ?? "info").ToLowerInvariant();
        if (!LogLevels.Contains(logLevel))
        {
            problems.Add($"LOG_LEVEL must be one of {string.Join(", ", LogLevels)}, got \"{logLevel}\"");
        }

        var allowedOrigins = new List<string>();
        foreach (var origin in List("MCP_ALLOWED_ORIGINS"))
        {
            if (HttpGuards.NormalizeOrigin(origin) is { } normalized)
            {
                allowedOrigins.Add(normalized);
            }
            else
            {
                problems.Add($"MCP_ALLOWED_ORIGINS entry \"{origin}\" is not an origin like https://app.example.com");
            }
        }

        var allowedHosts = new List<string>();
        foreach (var allowedHost in List("MCP_ALLOWED_HOSTS"))
        {
            if (HostName().IsMatch(allowedHost))
            {
                allowedHosts.Add(HttpGuards.StripPort(allowedHost.ToLowerInvariant()));
            }
            else
            {
                problems.Add($"MCP_ALLOWED_HOSTS entry \"{allowedHost}\" is not a host name");
            }
        }

        var rawBasePath = Read("MCP_BASE_PATH") ?? "";
        var basePath = NormalizeBasePath(rawBasePath);
        if (basePath is null)
        {
            problems.Add($"MCP_BASE_PATH must be a URL path such as /billing (letters, digits, - . _ ~ and /, no \".\" or \"..\" segments), got \"{rawBasePath}\"");
        }

        // Prometheus metrics are the TypeScript runtime's; this one emits OpenTelemetry metrics instead.
        if (Boolean("MCP_METRICS"))
        {
            problems.Add("MCP_METRICS=true is served by the TypeScript runtime only: the C# runtime emits OpenTelemetry metrics (Meter \"Experimental.ModelContextProtocol\"); unset MCP_METRICS and add an OpenTelemetry exporter.");
        }

        var host = Read("HOST") ?? "127.0.0.1";
        var bindAddress = ParseBindAddress(host);
        if (bindAddress is null)
        {
            problems.Add($"HOST must be an IP address (0.0.0.0 in containers, 127.0.0.1 locally) or localhost, got \"{host}\"");
        }

        var settings = new McpServerSettings
        {
            Port = (int)Integer("PORT", defaultPort, 0, 65_535),
            Host = host,
            BindAddress = bindAddress ?? IPAddress.Loopback,
            AuthToken = authDisabled ? null : authToken,
            AuthDisabled = authDisabled,
            AllowedOrigins = allowedOrigins,
            AllowedHosts = allowedHosts,
            BasePath = basePath ?? "",
            LogLevelName = logLevel,
            ShutdownTimeout = TimeSpan.FromMilliseconds(Integer("MCP_SHUTDOWN_TIMEOUT_MS", 8_000, 0, 600_000)),
            ToolTimeout = TimeSpan.FromMilliseconds(Integer("MCP_TOOL_TIMEOUT_MS", 120_000, 1, 3_600_000)),
            MaxBodyBytes = Integer("MCP_MAX_BODY_BYTES", 1024 * 1024, 1, 64 * 1024 * 1024),
            MaxSseSessions = (int)Integer("MCP_MAX_SSE_SESSIONS", 100, 0, 100_000),
            SseKeepAlive = TimeSpan.FromMilliseconds(Integer("MCP_SSE_KEEPALIVE_MS", 15_000, 1, 3_600_000)),
            SseIdleTimeout = TimeSpan.FromMilliseconds(Integer("MCP_SSE_IDLE_TIMEOUT_MS", 0, 0, 86_400_000)),
            GoogleCloudProject = Read("GOOGLE_CLOUD_PROJECT") ?? "",
        };

        return problems.Count > 0 ? throw new McpConfigException(problems) : settings;
    }

    /// <summary>The process environment as the dictionary <see cref="Load"/> reads.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }

    private static IPAddress? ParseBindAddress(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address : null;

    private static string? NormalizeBasePath(string raw)
    {
        var trimmed = raw.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return "";
        }

        // "." and ".." segments would be taken literally here but resolved by clients and proxies.
        return trimmed.StartsWith('/') && BasePathCharacters().IsMatch(trimmed) && !trimmed.Contains("//", StringComparison.Ordinal) &&
            !trimmed.Split('/').Any(segment => segment is "." or "..")
            ? trimmed
            : null;
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^[a-z0-9.\-\[\]:]+$", RegexOptions.IgnoreCase)]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~/]+$")]
    private static partial Regex BasePathCharacters();
}
