using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// InitProducerId (key 22), v0–1: a fresh producer id (epoch 0) for idempotent producers. Transactional ids are
/// refused: the embedded broker offers idempotence, not transactions.
/// </summary>
internal sealed class InitProducerIdHandler(BrokerState broker) : ApiHandler<InitProducerIdRequest>(ApiKey.InitProducerId, 0, 1)
{
    protected override InitProducerIdRequest Read(ref KafkaReader reader) => InitProducerIdRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(InitProducerIdRequest request, RequestContext context) =>
        Respond(request.TransactionalId is null
            ? new InitProducerIdResponse(ErrorCode.None, broker.ProducerIds.Next(), 0)
            : new InitProducerIdResponse(ErrorCode.TransactionalIdAuthorizationFailed, -1, -1));
}
