using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace McpOps.McpCore;

/// <summary>Options of <see cref="JsonLogFormatter"/>: the fields every line carries.</summary>
public sealed class JsonLogFormatterOptions : ConsoleFormatterOptions
{
    public string Service { get; set; } = "";

    public string Version { get; set; } = "";
}

/// <summary>
/// One JSON object per line on stdout, the shape the TypeScript mcp-core (pino) writes: <c>time</c>,
/// <c>severity</c> (Google Cloud Logging's LogSeverity), <c>level</c>, <c>message</c>, <c>service</c>,
/// <c>version</c>, then the structured fields of the message. Cloud Logging, Railway and kubectl logs
/// all parse it.
/// </summary>
public sealed class JsonLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "mcp-json";

    private readonly JsonLogFormatterOptions _options;

    public JsonLogFormatter(IOptions<JsonLogFormatterOptions> options)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("severity", Severity(logEntry.LogLevel));
            json.WriteString("level", Level(logEntry.LogLevel));
            json.WriteString("message", message);
            json.WriteString("service", _options.Service);
            json.WriteString("version", _options.Version);
            if (!logEntry.Category.StartsWith("McpOps.", StringComparison.Ordinal))
            {
                json.WriteString("category", logEntry.Category);
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields)
                {
                    if (key == "{OriginalFormat}")
                    {
                        continue;
                    }

                    var name = char.ToLowerInvariant(key[0]) + key[1..];
                    if (IsSecret(name))
                    {
                        // Second line of defence: the server never logs headers or tokens itself.
                        json.WriteString(name, "[redacted]");
                        continue;
                    }

                    WriteValue(json, name, value);
                }
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("error", exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool b:
                json.WriteBoolean(name, b);
                break;
            case int or long or short or byte:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                json.WriteNumber(name, Math.Round(d, 1));
                break;
            case IEnumerable<string> list:
                json.WriteStartArray(name);
                foreach (var item in list)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool IsSecret(string name) =>
        name.Contains("authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("token", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("cookie", StringComparison.OrdinalIgnoreCase);

    private static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "silent",
    };
}

/// <summary>
/// The server's own log lines (source-generated: no parsing per request). The fields are structured data
/// written by <see cref="JsonLogFormatter"/>, not placeholders of the short message, hence SYSLIB1015.
/// </summary>
#pragma warning disable SYSLIB1015
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "request")]
    public static partial void Request(ILogger logger, string method, string path, string? rpcMethod, string? tool, int status, double durationMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "request")]
    public static partial void ProbeRequest(ILogger logger, string method, string path, int status, double durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server listening")]
    public static partial void Listening(ILogger logger, string url, string host, int port, string basePath, IEnumerable<string> tools);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP_AUTH_DISABLED=true: the MCP endpoints accept unauthenticated requests")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "shutting down")]
    public static partial void ShuttingDown(ILogger logger, int inFlight, int sseSessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "shutdown complete")]
    public static partial void ShutdownComplete(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "closing idle SSE session")]
    public static partial void SseIdle(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tool timed out")]
    public static partial void ToolTimedOut(ILogger logger, string tool, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "request handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string path);
}
#pragma warning restore SYSLIB1015
