namespace SensorStream.StreamProcessors.Faults;

/// <summary>A stretch of samples that were contiguous in time, as an offset and length into a window's sample buffer.</summary>
/// <param name="Start">Index of the first sample in the buffer.</param>
/// <param name="Length">Number of samples.</param>
internal readonly record struct SampleRun(int Start, int Length);
