using System.Numerics;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// Radix-2 Cooley–Tukey FFT and the single-sided amplitude spectrum of a real signal, scaled so that a sine of
/// amplitude A on an exact bin reads A (with a Hann window, whose coherent gain is compensated).
/// </summary>
internal static class Fft
{
    /// <summary>In-place forward transform; the length must be a power of two.</summary>
    public static void Transform(Span<Complex> data)
    {
        var n = data.Length;
        if (n == 0 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"FFT length {n} is not a power of two", nameof(data));
        }
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }
        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = -2 * Math.PI / length;
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var start = 0; start < n; start += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var even = data[start + k];
                    var odd = data[start + k + (length / 2)] * w;
                    data[start + k] = even + odd;
                    data[start + k + (length / 2)] = even - odd;
                    w *= step;
                }
            }
        }
    }

    /// <summary>
    /// Amplitude spectrum of <paramref name="signal"/> (length a power of two), Hann-windowed, mean removed:
    /// element <c>k</c> is the amplitude at <c>k · sampleRate / length</c> Hz, for <c>k</c> up to length/2.
    /// </summary>
    public static double[] AmplitudeSpectrum(ReadOnlySpan<float> signal)
    {
        var n = signal.Length;
        var mean = 0.0;
        foreach (var x in signal)
        {
            mean += x;
        }
        mean /= n;
        var data = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            var hann = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / n));
            data[i] = new Complex((signal[i] - mean) * hann, 0);
        }
        Transform(data);
        var spectrum = new double[(n / 2) + 1];
        for (var k = 0; k < spectrum.Length; k++)
        {
            // ×2 for the single side, ×2 for the Hann window's coherent gain of 0.5.
            spectrum[k] = 4 * data[k].Magnitude / n;
        }
        spectrum[0] /= 2;
        return spectrum;
    }
}
