using System.Diagnostics;
using System.Net;
using System.Text;

namespace McpOps.Contract.Tests.Http;

/// <summary>One SSE event, or a comment line (`: keepalive`) when <see cref="Comment"/> is set.</summary>
public sealed record SseEvent(string Event, string Data, string? Comment);

/// <summary>Reads a text/event-stream response event by event, keeping comments (keepalives) visible.</summary>
public sealed class SseReader : IDisposable
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    internal SseReader(HttpRequestMessage request, HttpResponseMessage response, Stream stream)
    {
        _request = request;
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? Header(string name) =>
        _response.Headers.TryGetValues(name, out var values) || _response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    /// <summary>The next event or comment; null when the stream ended or nothing came within <paramref name="timeout"/>.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string name = "message";
        var data = new StringBuilder();
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(cts.Token);
                if (line is null)
                {
                    return null;
                }

                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        return new SseEvent(name, data.ToString(), null);
                    }

                    continue;
                }

                if (line.StartsWith(':'))
                {
                    return new SseEvent("", "", line[1..].Trim());
                }

                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line["data:".Length..].TrimStart());
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads until an event named <paramref name="eventName"/> (comments skipped) or the timeout.</summary>
    public async Task<SseEvent?> NextEventAsync(string eventName, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var next = await NextAsync(timeout - clock.Elapsed);
            if (next is null)
            {
                return null;
            }

            if (next.Comment is null && next.Event == eventName)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>True when the server ends the stream within <paramref name="timeout"/>.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _reader.ReadLineAsync(cts.Token) is not null)
            {
            }

            return clock.Elapsed < timeout;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
        _request.Dispose();
    }
}
