namespace SensorStream.Producers.Simulation;

/// <summary>
/// Derives independent, reproducible seeds for the parts of a simulation from one user seed. (HashCode is
/// randomised per process, so it cannot be used: the same seed must give the same feed on every run.)
/// </summary>
internal static class Seeds
{
    public static int Derive(int seed, int stream, int index = 0)
    {
        var x = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 16) ^ (uint)index;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (int)(x ^ (x >> 31));
    }
}
