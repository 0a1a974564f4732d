using SensorStream.Producers.Import;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Producers.Import;

public sealed class LegacyVibrationFilesTests : IDisposable
{
    private readonly TempDirectory _files = new("legacy-names");

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("g1_sensor1.csv", "g1", "sensor1")]
    [InlineData("/data/legacy/G2-Sensor3.CSV", "g2", "sensor3")]
    [InlineData("g5 sensor04 2020-05-01.csv", "g5", "sensor4")]
    [InlineData("pump12_sensor_2.csv", "pump12", "sensor2")]
    public void FileNames_LikeTheLegacyRecordings_NameTheirMachineAndSensor(string path, string machine, string sensor)
    {
        Assert.True(LegacyRecordingName.TryParse(path, out var m, out var s));
        Assert.Equal((machine, sensor), (m, s));
    }

    [Theory]
    [InlineData("legacy.csv")]
    [InlineData("g1.csv")]
    [InlineData("sensor1_g1.csv")]
    [InlineData("g1_sensor12345.csv")]
    public void OtherFileNames_NameNothing(string path) => Assert.False(LegacyRecordingName.TryParse(path, out _, out _));

    [Fact]
    public void Targets_FlagsOverrideTheName_AndUnknownOrSharedTargetsAreRefused()
    {
        Assert.Equal(("g7", "sensor1", true), Single(VibrationTargets.Resolve(["/x/g1_sensor1.csv"], "g7", null)));
        Assert.Equal(("g7", "sensor9", false), Single(VibrationTargets.Resolve(["/x/legacy.csv"], "g7", "sensor9")));

        var unknown = Assert.Throws<FormatException>(() => VibrationTargets.Resolve(["/x/g1_sensor1.csv", "/x/legacy.csv"], null, null));
        var shared = Assert.Throws<FormatException>(() => VibrationTargets.Resolve(["/x/g1_sensor1.csv", "/y/G1_Sensor1.csv"], null, null));
        var forced = Assert.Throws<FormatException>(() => VibrationTargets.Resolve(["/x/g1_sensor1.csv", "/x/g1_sensor2.csv"], null, "sensor1"));

        Assert.StartsWith("cannot tell the machine and sensor of legacy.csv:", unknown.Message);
        Assert.Contains("g1_sensor1.csv and G1_Sensor1.csv would all be imported as g1/sensor1", shared.Message);
        Assert.Contains("g1/sensor1", forced.Message);

        static (string, string, bool) Single(IReadOnlyList<VibrationTargets.Target> targets) => (targets[0].MachineId, targets[0].SensorId, targets[0].Inferred);
    }

    [Fact]
    public void Files_AndFolders_ExpandToTheirCsvFiles()
    {
        var folder = _files.Sub("recordings");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "g2_sensor1.csv", "g1_sensor2.CSV", "notes.txt" })
        {
            File.WriteAllText(Path.Combine(folder, name), "Time,Normal\n");
        }
        var single = _files.Sub("g3_sensor1.csv");
        File.WriteAllText(single, "Time,Normal\n");
        Directory.CreateDirectory(_files.Sub("empty"));

        var files = ImportFiles.Resolve([single, folder, Path.Combine(folder, "g2_sensor1.csv")]);

        Assert.Equal(["g3_sensor1.csv", "g1_sensor2.CSV", "g2_sensor1.csv"], files.Select(Path.GetFileName));
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => ImportFiles.Resolve([_files.Sub("absent.csv")])).Message);
        Assert.Contains("holds no .csv file", Assert.Throws<FileNotFoundException>(() => ImportFiles.Resolve([_files.Sub("empty")])).Message);
    }

    [Fact]
    public void Span_ReadsTheFirstAndLastTimeWithoutReadingTheWholeFile()
    {
        var path = _files.Sub("g1_sensor1.csv");
        using (var writer = new StreamWriter(path))
        {
            LegacyVibrationCsv.Write(writer, 100_000, seed: 3);
        }

        var span = VibrationRecordings.Span(path, SensorStream.Producers.Import.Parsing.TextEncodings.StrictUtf8);

        Assert.Equal(99_999 / 2560.0, span.TotalSeconds, 3);
        File.WriteAllText(path, "when,what\n1,2\n");
        Assert.Equal(TimeSpan.Zero, VibrationRecordings.Span(path, SensorStream.Producers.Import.Parsing.TextEncodings.StrictUtf8));
    }

    [Theory]
    [InlineData("2026-12-04T17:30:00Z", 600, "2026-12-04T00:00:00Z")]
    [InlineData("2026-12-04T00:05:00Z", 600, "2026-12-03T00:00:00Z")]
    [InlineData("2026-12-04T17:30:00Z", 200_000, "2026-12-02T00:00:00Z")]
    [InlineData("2026-12-04T00:00:00Z", 0, "2026-12-04T00:00:00Z")]
    public void DefaultStart_IsMidnightToday_OrEarlierWhenTheRecordingWouldEndAfterNow(string now, double seconds, string expected)
    {
        var start = VibrationRecordings.DefaultStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(seconds));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
    }
}
