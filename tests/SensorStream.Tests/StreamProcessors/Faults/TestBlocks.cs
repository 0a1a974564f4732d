using SensorStream.Contracts.Events;

namespace SensorStream.Tests.StreamProcessors.Faults;

/// <summary>Builds one sensor's consecutive blocks from a signal given as a function of time in seconds.</summary>
internal static class TestBlocks
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static List<VibrationBlock> From(Func<double, double> signal, int count, int size = 256, double sampleRateHz = 2560,
        double? shaftSpeedRpm = 1500, string sensorId = "sensor1")
    {
        var blocks = new List<VibrationBlock>(count);
        for (var b = 0; b < count; b++)
        {
            var first = (long)b * size;
            var samples = new float[size];
            for (var i = 0; i < size; i++)
            {
                samples[i] = (float)signal((first + i) / sampleRateHz);
            }
            blocks.Add(new VibrationBlock("g1", sensorId, Start + TimeSpan.FromSeconds(first / sampleRateHz), sampleRateHz, shaftSpeedRpm, samples));
        }
        return blocks;
    }

    public static Func<double, double> Sine(double amplitudeG, double hz, double phase = 0.3) =>
        t => amplitudeG * Math.Sin((2 * Math.PI * hz * t) + phase);

    /// <summary>Gaussian noise (Box–Muller) from a seeded generator; the time argument is ignored, so call in time order.</summary>
    public static Func<double, double> Noise(double sigmaG, int seed)
    {
        var random = new Random(seed);
        return _ => sigmaG * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
