using System.Buffers.Binary;
using System.Net.Sockets;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.Tests.Infrastructure;

/// <summary>
/// A bare Kafka protocol connection for tests that need exact control of the bytes: writes a request body
/// with <see cref="KafkaWriter"/>, reads the response body with <see cref="KafkaReader"/>.
/// </summary>
internal sealed class RawKafkaClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private int _correlationId;

    private RawKafkaClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawKafkaClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port).DefaultTimeout();
        return new RawKafkaClient(tcp);
    }

    /// <summary>Sends one request; <paramref name="writeBody"/> writes the body (the writer is set to the version and encoding).</summary>
    public async Task<int> SendAsync(short apiKey, short version, Action<KafkaWriter> writeBody, bool flexible = false)
    {
        using var writer = new KafkaWriter();
        var sizeAt = writer.ReserveInt32();
        var correlationId = ++_correlationId;
        writer.WriteInt16(apiKey);
        writer.WriteInt16(version);
        writer.WriteInt32(correlationId);
        writer.WriteNullableString("raw-test");
        if (flexible)
        {
            writer.WriteUnsignedVarInt(0);
        }
        writer.Flexible = flexible;
        writer.Version = version;
        writeBody(writer);
        writer.PatchInt32(sizeAt, writer.Length - 4);
        await _stream.WriteAsync(writer.WrittenMemory).AsTask().DefaultTimeout();
        return correlationId;
    }

    /// <summary>Sends raw bytes as they are (for malformed-frame tests).</summary>
    public Task SendRawAsync(ReadOnlyMemory<byte> bytes) => _stream.WriteAsync(bytes).AsTask().DefaultTimeout();

    /// <summary>Reads one response frame and returns its body (after the correlation id and any header tags).</summary>
    public async Task<byte[]> ReceiveAsync(int expectedCorrelationId, bool headerTags = false, TimeSpan? timeout = null)
    {
        var size = new byte[4];
        await _stream.ReadExactlyAsync(size).AsTask().WaitAsync(timeout ?? TestTimeouts.Default);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await _stream.ReadExactlyAsync(frame).AsTask().WaitAsync(timeout ?? TestTimeouts.Default);
        Assert.Equal(expectedCorrelationId, BinaryPrimitives.ReadInt32BigEndian(frame));
        var bodyStart = headerTags ? 5 : 4;
        return frame[bodyStart..];
    }

    /// <summary>Sends and waits for the response body.</summary>
    public async Task<byte[]> CallAsync(short apiKey, short version, Action<KafkaWriter> writeBody, bool flexible = false, bool headerTags = false)
    {
        var id = await SendAsync(apiKey, version, writeBody, flexible);
        return await ReceiveAsync(id, headerTags);
    }

    /// <summary>True when the broker has closed the connection (a read returns end of stream) within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByPeerAsync(TimeSpan timeout)
    {
        try
        {
            var buffer = new byte[1];
            var read = await _stream.ReadAsync(buffer).AsTask().WaitAsync(timeout);
            return read == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static KafkaReader Reader(byte[] body, short version, bool flexible = false) =>
        new(body, 0, body.Length) { Version = version, Flexible = flexible };

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}
