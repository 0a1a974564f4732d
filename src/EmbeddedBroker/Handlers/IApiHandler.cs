using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>One Kafka API: the versions implemented, how to read its request and how to answer it.</summary>
internal interface IApiHandler
{
    ApiKey Key { get; }

    short MinVersion { get; }

    short MaxVersion { get; }

    /// <summary>The first flexible (KIP-482) version, or <see cref="short.MaxValue"/> when no implemented version is flexible.</summary>
    short FirstFlexibleVersion { get; }

    /// <summary>Parses the request body; throws <see cref="KafkaProtocolException"/> when it is malformed.</summary>
    object ReadRequest(ref KafkaReader reader);

    /// <summary>Answers the request; null means no response is sent (Produce with acks=0).</summary>
    ValueTask<IResponse?> HandleAsync(object request, RequestContext context);
}
