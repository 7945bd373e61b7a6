using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace McpOps.McpCore.Tests;

/// <summary>The log writer: one JSON object per line, nothing lost under concurrency or at shutdown, secrets redacted.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public void Lines_from_many_threads_all_arrive_whole_and_dispose_flushes_them()
    {
        var before = DateTime.UtcNow;
        using var output = new MemoryStream();
        var provider = new JsonLineLoggerProvider(output, "svc", "9.9.9");
        var logger = provider.CreateLogger("McpOps.McpCore");
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 500; i++)
            {
                var path = $"/mcp/{thread}/{i}";
                ServerLog.Request(logger, "POST", path, "tools/call", "echo", 200, 1.26, new HttpRequestLog("POST", path, 200, 0.00126, null), default);
            }
        });
        provider.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4000, lines.Length);
        var paths = new HashSet<string>();
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            Assert.Equal("INFO", root.GetProperty("severity").GetString());
            // severity is the only level field, as in the TypeScript runtime.
            Assert.False(root.TryGetProperty("level", out _));
            Assert.Equal(path(root), root.GetProperty("httpRequest").GetProperty("requestUrl").GetString());
            Assert.Equal("0.001260s", root.GetProperty("httpRequest").GetProperty("latency").GetString());
            Assert.False(root.TryGetProperty("logging.googleapis.com/trace", out _));
            Assert.Equal("request", root.GetProperty("message").GetString());
            Assert.Equal("svc", root.GetProperty("service").GetString());
            Assert.Equal("9.9.9", root.GetProperty("version").GetString());
            Assert.Equal("echo", root.GetProperty("tool").GetString());
            Assert.Equal(200, root.GetProperty("status").GetInt32());
            Assert.Equal(1.3, root.GetProperty("durationMs").GetDouble());
            // ISO 8601 in UTC to the millisecond, as pino writes it.
            var time = root.GetProperty("time").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", time);
            var logged = DateTime.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.InRange(logged, before.AddMilliseconds(-1), DateTime.UtcNow);
            Assert.False(root.TryGetProperty("category", out _));
            paths.Add(root.GetProperty("path").GetString()!);
        }

        Assert.Equal(4000, paths.Count);

        static string? path(JsonElement root) => root.GetProperty("path").GetString();
    }

    [Fact]
    public void Secret_fields_are_redacted_and_foreign_categories_named()
    {
        using var output = new MemoryStream();
        var provider = new JsonLineLoggerProvider(output, "svc", "1.0.0");
        var logger = provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
        IReadOnlyList<KeyValuePair<string, object?>> fields =
        [
            new("Authorization", "Bearer s3cret"),
            new("apiToken", "s3cret"),
            new("Count", 3),
        ];
        logger.Log(LogLevel.Warning, default, fields, null, (_, _) => "something odd");
        provider.Dispose();

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        using var entry = JsonDocument.Parse(text);
        var root = entry.RootElement;
        Assert.Equal("WARNING", root.GetProperty("severity").GetString());
        Assert.Equal("[redacted]", root.GetProperty("authorization").GetString());
        Assert.Equal("[redacted]", root.GetProperty("apiToken").GetString());
        Assert.Equal(3, root.GetProperty("count").GetInt32());
        Assert.Equal("Microsoft.AspNetCore.Server.Kestrel", root.GetProperty("category").GetString());
    }

    [Fact]
    public void A_line_logged_after_dispose_is_still_written()
    {
        using var output = new MemoryStream();
        var provider = new JsonLineLoggerProvider(output, "svc", "1.0.0");
        var logger = provider.CreateLogger("McpOps.McpCore");
        provider.Dispose();
        ServerLog.ShutdownComplete(logger);

        Assert.Contains("\"message\":\"shutdown complete\"", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }
}
