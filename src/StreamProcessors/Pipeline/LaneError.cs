namespace SensorStream.StreamProcessors.Pipeline;

/// <summary>
/// A lane processor threw: on an item (then <see cref="Item"/> is it) or on a tick (<see cref="Item"/> is default).
/// The lane stops: it processes nothing after this.
/// </summary>
public sealed record LaneError<TKey, TIn>(TKey Key, TIn? Item, Exception Exception);
