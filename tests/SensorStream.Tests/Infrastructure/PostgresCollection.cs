namespace SensorStream.Tests.Infrastructure;

/// <summary>
/// Test classes sharing one private PostgreSQL cluster for the run (started on first use, torn down at the end); each
/// class creates its own database in it. Tests that stop the server start a cluster of their own instead.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}
