using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(256)]
    [InlineData(4096)]
    public void Power_MatchesTheComplexFftsAmplitudeSpectrumSquared(int length)
    {
        var random = new Random(length);
        var signal = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.3)).ToArray();
        var power = new double[(length / 2) + 1];

        new RealFft(length).AddPower(signal, power);
        var amplitude = Fft.AmplitudeSpectrum(signal);

        // Fft halves DC only; a real spectrum's Nyquist bin, like DC, has no mirror image and is halved here too.
        amplitude[^1] /= length > 1 ? 2 : 1;
        for (var k = 0; k < power.Length; k++)
        {
            Assert.Equal(amplitude[k] * amplitude[k], power[k], 1e-9);
        }
    }

    [Fact]
    public void AddPower_Accumulates()
    {
        var signal = Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i * 0.7)).ToArray();
        var once = new double[33];
        var twice = new double[33];
        var fft = new RealFft(64);

        fft.AddPower(signal, once);
        fft.AddPower(signal, twice);
        fft.AddPower(signal, twice);

        Assert.All(once.Zip(twice), p => Assert.Equal(2 * p.First, p.Second, 1e-12));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(100)]
    public void LengthNotAPowerOfTwo_IsRejected(int length) =>
        Assert.Throws<ArgumentException>(() => new RealFft(length));
}
