using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace McpOps.McpCore;

/// <summary>
/// Writes <see cref="JsonLogLine"/>s to stdout from one background loop, in batches: a request thread only
/// formats its line and queues it without taking a lock. (The console logger wakes its writer through a
/// monitor on every line; at thousands of requests per second that cost more CPU than the MCP call.)
/// Lines are never dropped: a process that outruns stdout by <see cref="MaxPendingBytes"/> waits for it.
/// Disposing flushes every queued line, so the shutdown lines reach the log.
/// </summary>
internal sealed class JsonLineLoggerProvider : ILoggerProvider
{
    private const int MaxPendingBytes = 16 * 1024 * 1024;
    private const int BatchBytes = 64 * 1024;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(5);

    private readonly Channel<byte[]> _lines = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Stream _output;
    private readonly Lock _outputLock = new();
    private readonly Task _writer;
    private readonly string _service;
    private readonly string _version;
    private long _pendingBytes;

    public JsonLineLoggerProvider(Stream output, string service, string version)
    {
        _output = output;
        _service = service;
        _version = version;
        _writer = Task.Run(WriteLoopAsync);
    }

    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(this, categoryName);

    public void Dispose()
    {
        if (_lines.Writer.TryComplete())
        {
            _writer.Wait(TimeSpan.FromSeconds(5));
        }
    }

    private void Enqueue(byte[] line)
    {
        if (!_lines.Writer.TryWrite(line))
        {
            // Logged after Dispose (a late shutdown message): write it directly.
            lock (_outputLock)
            {
                _output.Write(line);
                _output.Flush();
            }

            return;
        }

        if (Interlocked.Add(ref _pendingBytes, line.Length) > MaxPendingBytes)
        {
            // stdout is this far behind only when its reader stalls; wait rather than lose lines or memory.
            while (Volatile.Read(ref _pendingBytes) > MaxPendingBytes && !_writer.IsCompleted)
            {
                Thread.Sleep(1);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _lines.Reader;
        var batch = new ArrayBufferWriter<byte>(BatchBytes * 2);

        // Awaited, not a blocking wait on a thread of its own: a blocked thread spins before it sleeps, and
        // that spinning cost as much CPU as the lock it replaced.
        while (await reader.WaitToReadAsync())
        {
            long taken = 0;
            lock (_outputLock)
            {
                try
                {
                    while (reader.TryRead(out var line))
                    {
                        taken += line.Length;
                        batch.Write(line);
                        if (batch.WrittenCount >= BatchBytes)
                        {
                            WriteBatch(batch);
                        }
                    }

                    WriteBatch(batch);
                }
                catch (IOException)
                {
                    // stdout is gone (closed pipe): nothing can be logged any more, but callers must not block.
                    while (reader.TryRead(out var line))
                    {
                        taken += line.Length;
                    }
                }
            }

            Interlocked.Add(ref _pendingBytes, -taken);

            // Let lines gather: under load one write per few milliseconds instead of one per request.
            await Task.Delay(BatchInterval);
        }
    }

    private void WriteBatch(ArrayBufferWriter<byte> batch)
    {
        _output.Write(batch.WrittenSpan);
        _output.Flush();
        batch.ResetWrittenCount();
    }

    private sealed class JsonLineLogger(JsonLineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Levels and category filters are applied by the logging framework before this logger is called.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Enqueue(JsonLogLine.Format(provider._service, provider._version, category, logLevel, state, exception, formatter));
            }
        }
    }
}
