using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Handlers;
using SensorStream.EmbeddedBroker.Metrics;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Network;

/// <summary>
/// Turns one request frame into one response frame: reads the header, finds the API's handler, checks the
/// version, parses the body (which must be consumed exactly), runs the handler and frames its answer with the
/// right header version. Anything malformed or unsupported becomes a rejection (the connection is closed, as
/// Apache Kafka does) — except ApiVersions, which is always answered so clients can negotiate.
/// </summary>
internal sealed partial class RequestDispatcher
{
    private readonly Dictionary<short, IApiHandler> _handlers;
    private readonly ApiVersionsHandler _apiVersions;
    private readonly BrokerMetrics _metrics;
    private readonly ILogger _logger;

    public RequestDispatcher(IEnumerable<IApiHandler> handlers, BrokerMetrics metrics, ILogger logger)
    {
        _metrics = metrics;
        _logger = logger;
        _handlers = [];
        _apiVersions = new ApiVersionsHandler(() => _handlers.Values);
        foreach (var handler in handlers.Append(_apiVersions))
        {
            _handlers.Add((short)handler.Key, handler);
        }
    }

    /// <summary>The API keys and version ranges this broker advertises.</summary>
    public IReadOnlyCollection<IApiHandler> Handlers => _handlers.Values;

    public async ValueTask<DispatchOutcome> DispatchAsync(byte[] frame, int length, string clientHost, CancellationToken aborted)
    {
        var started = Stopwatch.GetTimestamp();
        if (!TryParse(frame, length, out var header, out var handler, out var request, out var flexible, out var rejection))
        {
            return rejection;
        }
        IResponse? response;
        try
        {
            response = await handler!.HandleAsync(request!, new RequestContext(header, clientHost, aborted)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return DispatchOutcome.Reject("shutdown", "broker is stopping");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, e, handler!.Key, header.ApiVersion, clientHost);
            return DispatchOutcome.Reject("handler-error", $"{handler.Key} v{header.ApiVersion} failed: {e.Message}");
        }
        var framed = response is null ? null : Frame(header, flexible && handler!.Key != ApiKey.ApiVersions, flexible, response);
        _metrics.RequestHandled(handler!.Key, Stopwatch.GetElapsedTime(started).TotalSeconds, length + 4, framed?.Length ?? 0);
        return DispatchOutcome.Respond(framed);
    }

    private bool TryParse(byte[] frame, int length, out RequestHeader header, out IApiHandler? handler, out object? request,
        out bool flexible, out DispatchOutcome rejection)
    {
        (header, handler, request, flexible, rejection) = (default, null, null, false, default);
        var reader = new KafkaReader(frame, 0, length);
        try
        {
            header = RequestHeader.Read(ref reader);
            if (!_handlers.TryGetValue(header.ApiKey, out handler))
            {
                rejection = DispatchOutcome.Reject("unknown-api", $"unknown API key {header.ApiKey}");
                return false;
            }
            if (header.ApiVersion < handler.MinVersion || header.ApiVersion > handler.MaxVersion)
            {
                rejection = handler.Key == ApiKey.ApiVersions
                    ? DispatchOutcome.Respond(UnsupportedApiVersionsAnswer(header))
                    : DispatchOutcome.Reject("unsupported-version", $"{handler.Key} v{header.ApiVersion} is outside the advertised {handler.MinVersion}–{handler.MaxVersion}");
                return false;
            }
            flexible = header.ApiVersion >= handler.FirstFlexibleVersion;
            reader.Flexible = flexible;
            reader.SkipTaggedFields(); // request header v2
            reader.Version = header.ApiVersion;
            request = handler.ReadRequest(ref reader);
            if (reader.Remaining != 0)
            {
                rejection = DispatchOutcome.Reject("malformed", $"{handler.Key} v{header.ApiVersion}: {reader.Remaining} bytes left after the request body");
                return false;
            }
            return true;
        }
        catch (KafkaProtocolException e)
        {
            var what = handler is null ? "request header" : $"{handler.Key} v{header.ApiVersion}";
            rejection = DispatchOutcome.Reject("malformed", $"{what}: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// A client asking ApiVersions in a version we do not know gets UNSUPPORTED_VERSION and our table in the v0
    /// layout, from which librdkafka and kafkajs pick a version to retry with.
    /// </summary>
    private KafkaWriter UnsupportedApiVersionsAnswer(RequestHeader header) =>
        Frame(header with { ApiVersion = 0 }, headerTags: false, flexibleBody: false, _apiVersions.Table(ErrorCode.UnsupportedVersion));

    private static KafkaWriter Frame(RequestHeader header, bool headerTags, bool flexibleBody, IResponse response)
    {
        var writer = new KafkaWriter();
        var sizeAt = writer.ReserveInt32();
        writer.WriteInt32(header.CorrelationId);
        if (headerTags)
        {
            writer.WriteUnsignedVarInt(0); // response header v1: empty tagged fields
        }
        writer.Flexible = flexibleBody;
        writer.Version = header.ApiVersion;
        try
        {
            response.Write(writer);
        }
        finally
        {
            (response as IDisposable)?.Dispose();
        }
        writer.PatchInt32(sizeAt, writer.Length - 4);
        return writer;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "{Api} v{Version} from {ClientHost} failed; closing the connection")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ApiKey api, short version, string clientHost);
}
