using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>SyncGroup (key 14), v0–3: the leader hands out assignments; followers wait for theirs.</summary>
internal sealed class SyncGroupHandler(BrokerState broker) : ApiHandler<SyncGroupRequest>(ApiKey.SyncGroup, 0, 3)
{
    protected override SyncGroupRequest Read(ref KafkaReader reader) => SyncGroupRequest.Read(ref reader);

    protected override async ValueTask<IResponse?> HandleAsync(SyncGroupRequest request, RequestContext context)
    {
        var result = await broker.Groups.SyncAsync(request.GroupId, request.MemberId, request.GenerationId, request.Assignments)
            .WaitAsync(context.Aborted).ConfigureAwait(false);
        return new SyncGroupResponse(result.Error, result.Assignment);
    }
}
