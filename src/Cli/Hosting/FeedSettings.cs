namespace SensorStream.Cli.Hosting;

/// <summary>What the simulated feeds of <c>up</c> start from: the seed, and the wall-clock start (event time of the first events).</summary>
internal sealed record FeedSettings(int Seed, DateTimeOffset Start);
