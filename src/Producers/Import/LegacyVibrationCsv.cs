using System.Globalization;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Vibration;

namespace SensorStream.Producers.Import;

/// <summary>
/// Writes files in the legacy layout <c>Time,Normal,Type 1,Type 2,Type 3</c> from the vibration signal model — one
/// machine recorded in each condition — for import tests, demos and the import benchmark.
/// </summary>
internal static class LegacyVibrationCsv
{
    public static void Write(TextWriter writer, int rows, int seed, double sampleRateHz = 2560, double shaftRpm = 1500)
    {
        var random = new Random(seed);
        VibrationFault[] conditions = [VibrationFault.Normal, VibrationFault.MassUnbalance, VibrationFault.SupportLooseness, VibrationFault.UnbalanceAndLooseness];
        var sensors = conditions.Select(_ => new SensorPlacement(random)).ToArray();
        var episodes = conditions.Select(c => new FaultEpisode(c, 0.8, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue)).ToArray();
        const int Chunk = 1024;
        var columns = conditions.Select(_ => new float[Chunk]).ToArray();
        writer.WriteLine("Time,Normal,Type 1,Type 2,Type 3");
        for (var first = 0; first < rows; first += Chunk)
        {
            var count = Math.Min(Chunk, rows - first);
            for (var c = 0; c < conditions.Length; c++)
            {
                VibrationSignalModel.Generate(columns[c].AsSpan(0, count), first, sampleRateHz, shaftRpm / 60, episodes[c], sensors[c], 0.03, random);
            }
            for (var i = 0; i < count; i++)
            {
                writer.Write(((first + i) / sampleRateHz).ToString("0.#########", CultureInfo.InvariantCulture));
                foreach (var column in columns)
                {
                    writer.Write(',');
                    writer.Write(column[i].ToString("0.#####", CultureInfo.InvariantCulture));
                }
                writer.WriteLine();
            }
        }
    }
}
