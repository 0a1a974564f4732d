namespace SensorStream.Tests.Infrastructure;

/// <summary>A clock that moves only when the test says so (Microsoft's FakeTimeProvider package is not available here).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
