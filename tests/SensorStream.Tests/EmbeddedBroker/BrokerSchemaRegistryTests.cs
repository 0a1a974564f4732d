using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

/// <summary>The Schema Registry API on the broker's HTTP port, persisted in the broker's data directory.</summary>
public sealed class BrokerSchemaRegistryTests
{
    [Fact]
    public async Task SchemasRegisteredOnTheBrokersHttpPort_SurviveABrokerRestart()
    {
        await using var broker = await TestBroker.StartAsync();
        int id;
        using (var client = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = broker.Broker.SchemaRegistryUrl! }))
        {
            id = await client.RegisterSchemaAsync("sensors.environment-value", EnvironmentReading.Schema.ToJson(), TestContext.Current.CancellationToken).DefaultTimeout();
        }

        await broker.RestartAsync();

        using var again = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = broker.Broker.SchemaRegistryUrl! });
        Assert.Contains("sensors.environment-value", await again.GetSubjectsAsync(TestContext.Current.CancellationToken).DefaultTimeout());
        Assert.Contains("EnvironmentReading", await again.GetSchemaAsync(id, TestContext.Current.CancellationToken).DefaultTimeout());
        Assert.True(Directory.Exists(Path.Combine(broker.Options.DataDir, "schemas")));
    }
}
