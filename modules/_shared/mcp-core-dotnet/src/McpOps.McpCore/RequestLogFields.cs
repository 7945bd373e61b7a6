using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace McpOps.McpCore;

/// <summary>Cloud Logging's <c>httpRequest</c> object of a request line (the TypeScript runtime writes the same).</summary>
internal readonly record struct HttpRequestLog(string Method, string Url, int Status, double LatencySeconds, string? UserAgent)
{
    public void WriteTo(Utf8JsonWriter json, JsonEncodedText name)
    {
        json.WriteStartObject(name);
        json.WriteString("requestMethod"u8, Method);
        json.WriteString("requestUrl"u8, Url);
        json.WriteNumber("status"u8, Status);
        json.WriteString("latency"u8, LatencySeconds.ToString("0.000000", CultureInfo.InvariantCulture) + "s");
        if (UserAgent is not null)
        {
            json.WriteString("userAgent"u8, UserAgent);
        }

        json.WriteEndObject();
    }
}

/// <summary>
/// The Cloud Logging fields that tie a request line to its trace (W3C <c>traceparent</c>, else Google's
/// <c>X-Cloud-Trace-Context</c>): <c>projects/&lt;GOOGLE_CLOUD_PROJECT&gt;/traces/&lt;id&gt;</c> when the project is known
/// (Cloud Logging links only that form), the bare id otherwise.
/// </summary>
internal readonly partial record struct TraceLogFields(string? Trace, string? SpanId, bool? Sampled)
{
    public static TraceLogFields From(IHeaderDictionary headers, string project)
    {
        string? traceId = null;
        string? spanId = null;
        bool? sampled = null;
        var parent = TraceParent().Match(headers["traceparent"].ToString().Trim().ToLowerInvariant());
        if (parent.Success && parent.Groups[1].Value.Any(digit => digit != '0'))
        {
            traceId = parent.Groups[1].Value;
            spanId = parent.Groups[2].Value;
            sampled = (int.Parse(parent.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 1) == 1;
        }
        else if (CloudTraceContext().Match(headers["X-Cloud-Trace-Context"].ToString().Trim()) is { Success: true } cloud)
        {
            traceId = cloud.Groups[1].Value.ToLowerInvariant();

            // Its span id is decimal; Cloud Logging wants the 16-digit hexadecimal form.
            if (cloud.Groups[2].Success && BigInteger.TryParse(cloud.Groups[2].Value, CultureInfo.InvariantCulture, out var decimalSpan) && decimalSpan < BigInteger.One << 64)
            {
                spanId = ((ulong)decimalSpan).ToString("x16", CultureInfo.InvariantCulture);
            }

            if (cloud.Groups[3].Success)
            {
                sampled = cloud.Groups[3].Value == "1";
            }
        }

        return traceId is null
            ? default
            : new TraceLogFields(project.Length == 0 ? traceId : $"projects/{project}/traces/{traceId}", spanId, sampled);
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        if (Trace is null)
        {
            return;
        }

        json.WriteString("logging.googleapis.com/trace"u8, Trace);
        if (SpanId is not null)
        {
            json.WriteString("logging.googleapis.com/spanId"u8, SpanId);
        }

        if (Sampled is { } sampled)
        {
            json.WriteBoolean("logging.googleapis.com/trace_sampled"u8, sampled);
        }
    }

    [GeneratedRegex("^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")]
    private static partial Regex TraceParent();

    [GeneratedRegex("^([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([01]))?$")]
    private static partial Regex CloudTraceContext();
}
