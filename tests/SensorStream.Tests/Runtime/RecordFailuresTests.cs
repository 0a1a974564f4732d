using System.Net.Sockets;
using Confluent.Kafka;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.ServiceDefaults.Kafka;

namespace SensorStream.Tests.Runtime;

/// <summary>The one outcome rule: permanent failures are the record's, transient ones wait, everything else is a bug.</summary>
public sealed class RecordFailuresTests
{
    public static TheoryData<Exception, FailureKind> Cases() => new()
    {
        { new AvroDecodeException(AvroDecodeError.Truncated, "short"), FailureKind.Permanent },
        { new AvroDecodeException(AvroDecodeError.UnknownSchemaId, "schema id 77 is not in the registry"), FailureKind.Permanent },
        { new SchemaRegistryException(404, SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found"), FailureKind.Permanent },
        { new SchemaRegistryException(503, 50301, "registry is restarting"), FailureKind.Transient },
        { new SchemaRegistryException(401, 401, "Unauthorized"), FailureKind.Transient },
        { new HttpRequestException("Connection refused"), FailureKind.Transient },
        { new TaskCanceledException("timeout", new TimeoutException()), FailureKind.Transient },
        { new SocketException((int)SocketError.ConnectionRefused), FailureKind.Transient },
        { new KafkaException(ErrorCode.Local_Transport), FailureKind.Transient },
        { new KafkaException(new Error(ErrorCode.Local_Fatal, "fatal", isFatal: true)), FailureKind.Bug },
        { new IndexOutOfRangeException(), FailureKind.Bug },
        { new ArgumentOutOfRangeException("ticks", "un-representable DateTime"), FailureKind.Bug },
        { new FormatException(), FailureKind.Bug },
        { new InvalidCastException(), FailureKind.Bug },
        { new NullReferenceException(), FailureKind.Bug },
        { new TaskCanceledException(), FailureKind.Bug },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_FollowsTheOneRule(Exception exception, FailureKind expected) => Assert.Equal(expected, RecordFailures.Classify(exception));

    [Fact]
    public void Classify_ARolesOwnTransientFailure_IsTransient() =>
        Assert.Equal(FailureKind.Transient, RecordFailures.Classify(new InvalidOperationException("database restarting"), e => e is InvalidOperationException));
}
