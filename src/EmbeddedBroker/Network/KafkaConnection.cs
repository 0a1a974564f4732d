using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SensorStream.EmbeddedBroker.Metrics;

namespace SensorStream.EmbeddedBroker.Network;

/// <summary>
/// One client connection: reads size-prefixed request frames and answers them strictly in order (kafka-python
/// matches responses first-in first-out). A frame that is too large, malformed or unsupported closes only
/// this connection. Idle connections are closed after <see cref="IdleTimeout"/> (Kafka's default).
/// </summary>
internal sealed class KafkaConnection(Socket socket, RequestDispatcher dispatcher, BrokerMetrics metrics, RejectionLog rejections, int maxRequestBytes)
{
    /// <summary>Kafka's <c>connections.max.idle.ms</c> default: 10 minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly string _clientHost = (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";

    public void Close() => socket.Close();

    public async Task RunAsync(CancellationToken stopping)
    {
        metrics.ConnectionOpened();
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        var input = new BufferedStream(stream, 64 * 1024);
        var sizePrefix = new byte[4];
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!await ReadFrameSizeAsync(input, sizePrefix, stopping).ConfigureAwait(false))
                {
                    return;
                }
                var size = BinaryPrimitives.ReadInt32BigEndian(sizePrefix);
                if (size < 0 || size > maxRequestBytes)
                {
                    Reject("oversized", $"request frame of {size} bytes (limit {maxRequestBytes})");
                    return;
                }
                var frame = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
                try
                {
                    await input.ReadExactlyAsync(frame.AsMemory(0, size), stopping).ConfigureAwait(false);
                    var outcome = await dispatcher.DispatchAsync(frame, size, _clientHost, stopping).ConfigureAwait(false);
                    if (outcome.RejectReason is not null)
                    {
                        Reject(outcome.RejectKind!, outcome.RejectReason);
                        return;
                    }
                    if (outcome.Response is { } response)
                    {
                        using (response)
                        {
                            await stream.WriteAsync(response.WrittenMemory, stopping).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, the broker is stopping, or the connection idled out.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            metrics.ConnectionClosed();
        }
    }

    /// <summary>Reads the 4-byte size; false on a clean end of stream or idle timeout before any byte of it.</summary>
    private static async Task<bool> ReadFrameSizeAsync(Stream input, byte[] sizePrefix, CancellationToken stopping)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        idle.CancelAfter(IdleTimeout);
        var read = await input.ReadAtLeastAsync(sizePrefix, sizePrefix.Length, throwOnEndOfStream: false, idle.Token).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }
        if (read < sizePrefix.Length)
        {
            throw new EndOfStreamException("connection closed inside a frame size");
        }
        return true;
    }

    private void Reject(string kind, string reason)
    {
        metrics.RequestRejected(kind);
        rejections.Rejected(_clientHost, reason);
    }
}
