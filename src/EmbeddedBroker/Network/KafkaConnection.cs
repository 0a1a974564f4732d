using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using SensorStream.EmbeddedBroker.Metrics;

namespace SensorStream.EmbeddedBroker.Network;

/// <summary>
/// One client connection. A reader loop takes size-prefixed frames off the socket into a queue (bounded to
/// <c>maxRequestBytes</c> of waiting frames) while the processing loop answers them strictly in order
/// (kafka-python matches responses first-in first-out). Because the reader keeps reading while a request
/// waits, it sees the client go away: the connection's cancellation fires and a Fetch long poll or a
/// JoinGroup wait ends at once instead of holding resources. A frame that is too large, malformed or
/// unsupported closes only this connection.
/// </summary>
internal sealed class KafkaConnection(Socket socket, RequestDispatcher dispatcher, BrokerMetrics metrics, RejectionLog rejections, int maxRequestBytes)
{
    /// <summary>Kafka's <c>connections.max.idle.ms</c> default: 10 minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly string _clientHost = (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
    private readonly SemaphoreSlim _frameDone = new(0);
    private long _queuedBytes;

    public void Close() => socket.Close();

    public async Task RunAsync(CancellationToken stopping)
    {
        metrics.ConnectionOpened();
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var frames = Channel.CreateUnbounded<(byte[] Buffer, int Length)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reading = ReadFramesAsync(stream, frames.Writer, aborted);
        try
        {
            await foreach (var (buffer, length) in frames.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                try
                {
                    if (!await ProcessAsync(stream, buffer, length, aborted.Token, stopping).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    Interlocked.Add(ref _queuedBytes, -length);
                    _frameDone.Release();
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the broker is stopping.
        }
        finally
        {
            await aborted.CancelAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            while (frames.Reader.TryRead(out var leftover))
            {
                ArrayPool<byte>.Shared.Return(leftover.Buffer);
            }
            _frameDone.Dispose();
            metrics.ConnectionClosed();
        }
    }

    /// <summary>Answers one frame; false when the connection must close. Responses are written even after the client half-closed.</summary>
    private async Task<bool> ProcessAsync(NetworkStream stream, byte[] buffer, int length, CancellationToken aborted, CancellationToken stopping)
    {
        var outcome = await dispatcher.DispatchAsync(buffer, length, _clientHost, aborted).ConfigureAwait(false);
        if (outcome.RejectReason is not null)
        {
            Reject(outcome.RejectKind!, outcome.RejectReason);
            return false;
        }
        if (outcome.Response is { } response)
        {
            using (response)
            {
                await stream.WriteAsync(response.WrittenMemory, stopping).ConfigureAwait(false);
            }
        }
        return true;
    }

    /// <summary>Reads frames until the client closes, a frame is refused or the connection idles out; then cancels <paramref name="aborted"/>.</summary>
    private async Task ReadFramesAsync(NetworkStream stream, ChannelWriter<(byte[] Buffer, int Length)> frames, CancellationTokenSource aborted)
    {
        var input = new BufferedStream(stream, 64 * 1024);
        var sizePrefix = new byte[4];
        try
        {
            while (await ReadFrameSizeAsync(input, sizePrefix, aborted.Token).ConfigureAwait(false))
            {
                var size = BinaryPrimitives.ReadInt32BigEndian(sizePrefix);
                if (size < 0 || size > maxRequestBytes)
                {
                    Reject("oversized", $"request frame of {size} bytes (limit {maxRequestBytes})");
                    return;
                }
                // Backpressure: wait while the frames already queued would exceed one maximal request.
                while (Interlocked.Read(ref _queuedBytes) > 0 && Interlocked.Read(ref _queuedBytes) + size > maxRequestBytes)
                {
                    await _frameDone.WaitAsync(aborted.Token).ConfigureAwait(false);
                }
                var frame = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
                try
                {
                    await input.ReadExactlyAsync(frame.AsMemory(0, size), aborted.Token).ConfigureAwait(false);
                    Interlocked.Add(ref _queuedBytes, size);
                    await frames.WriteAsync((frame, size), aborted.Token).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(frame);
                    throw;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // Closed by the client (possibly mid-frame), idle, or the broker is stopping.
        }
        finally
        {
            frames.TryComplete();
            // Queued requests are still answered in order; only waits (long polls, group joins) end now.
            await aborted.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the 4-byte size; false on a clean end of stream before any byte of it.</summary>
    private static async Task<bool> ReadFrameSizeAsync(Stream input, byte[] sizePrefix, CancellationToken aborted)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        idle.CancelAfter(IdleTimeout);
        var read = await input.ReadAtLeastAsync(sizePrefix, sizePrefix.Length, throwOnEndOfStream: false, idle.Token).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }
        return read == sizePrefix.Length ? true : throw new EndOfStreamException("connection closed inside a frame size");
    }

    private void Reject(string kind, string reason)
    {
        metrics.RequestRejected(kind);
        rejections.Rejected(_clientHost, reason);
    }
}
