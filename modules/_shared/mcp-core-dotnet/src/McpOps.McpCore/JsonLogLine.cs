using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace McpOps.McpCore;

/// <summary>
/// One log entry as one JSON line, the shape the TypeScript mcp-core (pino) writes: <c>time</c>,
/// <c>severity</c> (Google Cloud Logging's LogSeverity; the only level field), <c>message</c>, <c>service</c>,
/// <c>version</c>, then the structured fields of the message. Cloud Logging, Railway and kubectl logs
/// all parse it. It runs on every request, so it reuses one buffer per thread and caches field names.
/// </summary>
internal static class JsonLogLine
{
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText SeverityName = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Service = JsonEncodedText.Encode("service");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Redacted = JsonEncodedText.Encode("[redacted]");
    private static readonly ConcurrentDictionary<string, (JsonEncodedText Name, bool Secret)> FieldNames = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? _scratch;

    /// <summary>The entry as UTF-8 JSON followed by '\n'.</summary>
    public static byte[] Format<TState>(
        string service, string version, string category, LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var (buffer, json) = _scratch ??= NewScratch();
        buffer.ResetWrittenCount();
        json.Reset(buffer);

        json.WriteStartObject();
        // "O" is the formatter's fast path (a custom pattern costs four times as much); its seven fractional
        // digits are cut to the milliseconds pino writes: yyyy-MM-ddTHH:mm:ss.fffZ.
        Span<char> time = stackalloc char[28];
        DateTime.UtcNow.TryFormat(time, out _, "O", CultureInfo.InvariantCulture);
        time[23] = 'Z';
        json.WriteString(Time, time[..24]);
        json.WriteString(SeverityName, Severity(level));
        json.WriteString(Message, formatter(state, exception));
        json.WriteString(Service, service);
        json.WriteString(Version, version);
        if (!category.StartsWith("McpOps.", StringComparison.Ordinal))
        {
            json.WriteString(Category, category);
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                var (key, value) = fields[i];
                if (key == "{OriginalFormat}")
                {
                    continue;
                }

                var (name, secret) = FieldNames.GetOrAdd(key, DescribeField);
                if (secret)
                {
                    // Second line of defence: the server never logs headers or tokens itself.
                    json.WriteString(name, Redacted);
                    continue;
                }

                WriteValue(json, name, value);
            }
        }

        if (exception is not null)
        {
            json.WriteString(Error, exception.ToString());
        }

        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewScratch()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        return (buffer, new Utf8JsonWriter(buffer));
    }

    private static (JsonEncodedText, bool) DescribeField(string key)
    {
        var name = char.ToLowerInvariant(key[0]) + key[1..];
        var secret = name.Contains("authorization", StringComparison.OrdinalIgnoreCase) ||
            name.Contains("token", StringComparison.OrdinalIgnoreCase) ||
            name.Contains("cookie", StringComparison.OrdinalIgnoreCase);
        return (JsonEncodedText.Encode(name), secret);
    }

    private static void WriteValue(Utf8JsonWriter json, JsonEncodedText name, object? value)
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
            case string text:
                json.WriteString(name, text);
                break;
            case HttpRequestLog request:
                request.WriteTo(json, name);
                break;
            case TraceLogFields trace:
                // Cloud Logging reads these at the top level of the entry, under their own names.
                trace.WriteTo(json);
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

    private static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };
}
