namespace SensorStream.Cli.Hosting;

/// <summary>Where the local cluster of <c>up</c> keeps its data (its <c>postgres</c> subdirectory), and its port.</summary>
internal sealed record LocalDatabaseSettings(string DataDirectory, int Port);
