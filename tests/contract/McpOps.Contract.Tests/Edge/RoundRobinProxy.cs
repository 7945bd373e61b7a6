using System.Net;
using System.Net.Sockets;

namespace McpOps.Contract.Tests.Edge;

/// <summary>
/// A layer-4 load balancer in miniature: each accepted connection goes to the next backend in turn, as
/// several Edge Function instances (isolates) behind Supabase's gateway can. Bytes are piped unchanged.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<int> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    public RoundRobinProxy(IReadOnlyList<int> backendPorts)
    {
        _backends = backendPorts;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var port = _backends[Interlocked.Increment(ref _next) % _backends.Count];
            _ = PipeAsync(client, port);
        }
    }

    private async Task PipeAsync(TcpClient client, int port)
    {
        using (client)
        using (var backend = new TcpClient())
        {
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                var inbound = client.GetStream();
                var outbound = backend.GetStream();
                await Task.WhenAny(inbound.CopyToAsync(outbound, _stop.Token), outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // A side closed: the other goes with it.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
