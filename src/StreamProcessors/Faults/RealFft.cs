using System.Numerics;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// A precomputed plan for the Hann-windowed power spectrum of real segments of one power-of-two length. It packs the
/// N real samples into N/2 complex ones, transforms those and splits the result, so each segment costs half a complex
/// FFT; twiddles, bit reversal and the window are computed once. Scaled like <see cref="Fft.AmplitudeSpectrum"/>
/// squared (a sine of amplitude A on an exact bin adds A² to that bin), except that the Nyquist bin, which like DC
/// has no mirror image, is halved in amplitude too. Not thread-safe (it owns its scratch).
/// </summary>
internal sealed class RealFft
{
    private readonly int _length;
    private readonly int _half;
    private readonly double[] _window;
    private readonly int[] _bitReverse;
    // Twiddles e^(-2πik/size) for k < size/2, stage after stage (sizes 4, 8, … N/2) laid end to end, so each stage's
    // inner loop walks them in order.
    private readonly double[] _twiddleRe;
    private readonly double[] _twiddleIm;
    private readonly double[] _splitCos;
    private readonly double[] _splitSin;
    private readonly double[] _re;
    private readonly double[] _im;

    /// <summary>Plans segments of <paramref name="length"/> samples, a power of two of at least 2.</summary>
    public RealFft(int length)
    {
        if (length < 2 || (length & (length - 1)) != 0)
        {
            throw new ArgumentException($"FFT length {length} is not a power of two of at least 2", nameof(length));
        }
        _length = length;
        _half = length / 2;
        _window = new double[length];
        for (var i = 0; i < length; i++)
        {
            _window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length));
        }
        _bitReverse = new int[_half];
        var bits = BitOperations.Log2((uint)_half);
        for (var i = 0; i < _half; i++)
        {
            _bitReverse[i] = bits == 0 ? 0 : (int)(BitReverse((uint)i) >> (32 - bits));
        }
        _twiddleRe = new double[Math.Max(1, _half)];
        _twiddleIm = new double[_twiddleRe.Length];
        for (int size = 4, offset = 0; size <= _half; offset += size / 2, size <<= 1)
        {
            for (var k = 0; k < size / 2; k++)
            {
                var (sin, cos) = Math.SinCos(2 * Math.PI * k / size);
                _twiddleRe[offset + k] = cos;
                _twiddleIm[offset + k] = -sin;
            }
        }
        _splitCos = new double[_half + 1];
        _splitSin = new double[_half + 1];
        for (var k = 0; k <= _half; k++)
        {
            (_splitSin[k], _splitCos[k]) = Math.SinCos(2 * Math.PI * k / length);
        }
        _re = new double[_half];
        _im = new double[_half];
    }

    /// <summary>Segment length in samples.</summary>
    public int Length => _length;

    /// <summary>
    /// Removes the segment's mean, applies the Hann window and adds the power of bins 0…N/2 to
    /// <paramref name="powerSum"/> (length N/2 + 1), in g² so a sine of amplitude A on an exact bin adds A².
    /// </summary>
    public void AddPower(ReadOnlySpan<float> segment, Span<double> powerSum)
    {
        if (segment.Length != _length || powerSum.Length != _half + 1)
        {
            throw new ArgumentException($"expected {_length} samples and {_half + 1} bins, got {segment.Length} and {powerSum.Length}");
        }
        var mean = 0.0;
        foreach (var x in segment)
        {
            mean += x;
        }
        mean /= _length;
        // Even samples become the real part and odd samples the imaginary part of a half-length complex signal.
        for (var n = 0; n < _half; n++)
        {
            var target = _bitReverse[n];
            _re[target] = (segment[2 * n] - mean) * _window[2 * n];
            _im[target] = (segment[(2 * n) + 1] - mean) * _window[(2 * n) + 1];
        }
        Butterflies();

        // ×2 for the single side and ×2 for the Hann window's coherent gain of 0.5, on amplitude: 16/N² on power.
        var scale = 16.0 / ((double)_length * _length);
        for (var k = 0; k <= _half; k++)
        {
            var a = k == _half ? 0 : k;
            var b = k == 0 ? 0 : _half - k;
            // Split Z into the transforms of the even (E) and odd (O) samples, then X[k] = E[k] + e^(-2πik/N)·O[k].
            var evenRe = 0.5 * (_re[a] + _re[b]);
            var evenIm = 0.5 * (_im[a] - _im[b]);
            var oddRe = 0.5 * (_im[a] + _im[b]);
            var oddIm = -0.5 * (_re[a] - _re[b]);
            var c = _splitCos[k];
            var s = _splitSin[k];
            var re = evenRe + (oddRe * c) + (oddIm * s);
            var im = evenIm + (oddIm * c) - (oddRe * s);
            var power = ((re * re) + (im * im)) * scale;
            powerSum[k] += k == 0 || k == _half ? power / 4 : power;
        }
    }

    /// <summary>Iterative radix-2 decimation in time over the bit-reversed <c>_re</c>/<c>_im</c>.</summary>
    private void Butterflies()
    {
        var re = _re.AsSpan(0, _half);
        var im = _im.AsSpan(0, _half);
        // Size-2 butterflies have the twiddle 1: no multiplications.
        for (var top = 0; top + 1 < _half; top += 2)
        {
            var (r, i) = (re[top + 1], im[top + 1]);
            re[top + 1] = re[top] - r;
            im[top + 1] = im[top] - i;
            re[top] += r;
            im[top] += i;
        }
        for (int size = 4, offset = 0; size <= _half; offset += size / 2, size <<= 1)
        {
            var halfSize = size >> 1;
            var twiddleRe = _twiddleRe.AsSpan(offset, halfSize);
            var twiddleIm = _twiddleIm.AsSpan(offset, halfSize);
            for (var start = 0; start < _half; start += size)
            {
                var topRe = re.Slice(start, halfSize);
                var topIm = im.Slice(start, halfSize);
                var bottomRe = re.Slice(start + halfSize, halfSize);
                var bottomIm = im.Slice(start + halfSize, halfSize);
                for (var k = 0; k < halfSize; k++)
                {
                    var wr = twiddleRe[k];
                    var wi = twiddleIm[k];
                    var tr = (bottomRe[k] * wr) - (bottomIm[k] * wi);
                    var ti = (bottomRe[k] * wi) + (bottomIm[k] * wr);
                    bottomRe[k] = topRe[k] - tr;
                    bottomIm[k] = topIm[k] - ti;
                    topRe[k] += tr;
                    topIm[k] += ti;
                }
            }
        }
    }

    private static uint BitReverse(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
