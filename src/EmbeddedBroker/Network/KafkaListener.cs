using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Metrics;

namespace SensorStream.EmbeddedBroker.Network;

/// <summary>Accepts Kafka client connections and runs each one until it closes or the broker stops.</summary>
internal sealed partial class KafkaListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RequestDispatcher _dispatcher;
    private readonly BrokerMetrics _metrics;
    private readonly RejectionLog _rejections;
    private readonly int _maxRequestBytes;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<KafkaConnection, Task> _connections = new();
    private Task? _acceptLoop;

    public KafkaListener(IPEndPoint endpoint, RequestDispatcher dispatcher, BrokerMetrics metrics, RejectionLog rejections, int maxRequestBytes, ILogger logger)
    {
        _dispatcher = dispatcher;
        _metrics = metrics;
        _rejections = rejections;
        _maxRequestBytes = maxRequestBytes;
        _logger = logger;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(endpoint);
        _socket.Listen(512);
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The bound port (useful when started on port 0).</summary>
    public int Port { get; }

    public void Start() => _acceptLoop = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(_logger, e);
                continue;
            }
            var connection = new KafkaConnection(client, _dispatcher, _metrics, _rejections, _maxRequestBytes);
            _connections[connection] = Task.Run(async () =>
            {
                await connection.RunAsync(_stopping.Token).ConfigureAwait(false);
                _connections.TryRemove(connection, out _);
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }
        await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Accepting a connection failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);
}
