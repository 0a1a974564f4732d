namespace SensorStream.StreamProcessors.Runtime;

/// <summary>
/// A processor stopped because outputs could not be delivered; nothing after the last commit was acknowledged, so a
/// restart replays from there and loses nothing.
/// </summary>
public sealed class ProcessorFailedException(string message, Exception? inner = null) : Exception(message, inner);
