using System.Globalization;
using SensorStream.Contracts;
using SensorStream.Contracts.Csv;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;

namespace SensorStream.Producers.Import;

/// <summary>
/// The legacy vibration layout <c>Time, Normal, Type 1, Type 2, Type 3</c>: a sample time in seconds and one column
/// per machine condition (each a separate recording). Every condition column becomes its own stream of
/// <see cref="VibrationBlock"/>s of <c>blockSize</c> consecutive samples — sensor id <c>{sensor}</c> when one column is
/// imported, <c>{sensor}-normal</c>, <c>{sensor}-type1</c>… when several are — with the column's class in the
/// <see cref="TruthHeaders.Fault"/> header. Event time is <c>start</c> plus the Time column. The sample rate comes
/// from the first two rows unless given; a gap in Time closes the blocks under way (so no block spans a gap).
/// </summary>
public sealed class VibrationCsvMapper(string machineId, string sensorId, IReadOnlyCollection<string>? onlyColumns, DateTimeOffset start,
    double? sampleRateHz = null, double? shaftSpeedRpm = null, int blockSize = 256) : IRowMapper<VibrationBlock>
{
    private static readonly Dictionary<string, VibrationFault> ConditionColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["normal"] = VibrationFault.Normal,
        ["type1"] = VibrationFault.MassUnbalance,
        ["type2"] = VibrationFault.SupportLooseness,
        ["type3"] = VibrationFault.UnbalanceAndLooseness,
    };

    private readonly List<Channel> _channels = [];
    private int _timeIndex = -1;
    private int _fieldCount;
    private double? _sampleRate = sampleRateHz;
    private double _previousTime = double.NaN;
    private double _firstTime = double.NaN;

    /// <summary>The sample rate in use (given or inferred), Hz; null until two rows were read.</summary>
    public double? SampleRateHz => _sampleRate;

    private static string Normalize(string column) => column.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);

    /// <inheritdoc/>
    public void ReadHeader(CsvRow header)
    {
        _fieldCount = header.Fields.Count;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = Normalize(header.Fields[i]);
            if (name.Equals("time", StringComparison.OrdinalIgnoreCase))
            {
                _timeIndex = i;
            }
            else if (ConditionColumns.TryGetValue(name, out var fault)
                && (onlyColumns is null || onlyColumns.Any(c => Normalize(c).Equals(name, StringComparison.OrdinalIgnoreCase))))
            {
                _channels.Add(new Channel(i, fault, name.ToLowerInvariant(), header.Fields[i], blockSize));
            }
        }
        if (_timeIndex < 0)
        {
            throw new FormatException($"line {header.LineNumber}: no 'Time' column in [{string.Join(", ", header.Fields)}]; expected Time, Normal, Type 1, Type 2, Type 3");
        }
        var missing = onlyColumns?.Where(c => !_channels.Any(ch => ch.Name.Equals(Normalize(c), StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing is { Count: > 0 })
        {
            throw new FormatException($"line {header.LineNumber}: requested column(s) {string.Join(", ", missing)} not in [{string.Join(", ", header.Fields)}]");
        }
        if (_channels.Count == 0)
        {
            throw new FormatException($"line {header.LineNumber}: no condition column (Normal, Type 1, Type 2, Type 3) in [{string.Join(", ", header.Fields)}]");
        }
        foreach (var channel in _channels)
        {
            channel.SensorId = _channels.Count == 1 ? sensorId : $"{sensorId}-{channel.Name}";
        }
    }

    /// <inheritdoc/>
    public IEnumerable<OutgoingEvent<VibrationBlock>> Map(CsvRow row)
    {
        if (row.Fields.Count != _fieldCount)
        {
            throw new RowRejectedException($"expected {_fieldCount} fields, found {row.Fields.Count}");
        }
        var time = Parse(row.Fields[_timeIndex], "Time");
        if (!double.IsNaN(_previousTime) && time <= _previousTime)
        {
            throw new RowRejectedException($"Time {time.ToString(CultureInfo.InvariantCulture)} does not follow {_previousTime.ToString(CultureInfo.InvariantCulture)}");
        }
        Span<float> values = stackalloc float[_channels.Count];
        for (var c = 0; c < _channels.Count; c++)
        {
            values[c] = (float)Parse(row.Fields[_channels[c].Index], _channels[c].Column);
        }
        var emitted = new List<OutgoingEvent<VibrationBlock>>();
        if (double.IsNaN(_firstTime))
        {
            _firstTime = time;
        }
        else
        {
            _sampleRate ??= 1 / (time - _previousTime);
            if (time - _previousTime > 1.5 / _sampleRate.Value)
            {
                emitted.AddRange(Complete());
            }
        }
        _previousTime = time;
        for (var c = 0; c < _channels.Count; c++)
        {
            var channel = _channels[c];
            if (channel.Count == 0)
            {
                channel.BlockStart = time;
            }
            channel.Buffer[channel.Count++] = values[c];
            if (channel.Count == blockSize)
            {
                emitted.Add(Emit(channel));
            }
        }
        return emitted;
    }

    /// <inheritdoc/>
    public IEnumerable<OutgoingEvent<VibrationBlock>> Complete() =>
        [.. _channels.Where(c => c.Count > 0 && _sampleRate is not null).Select(Emit)];

    private OutgoingEvent<VibrationBlock> Emit(Channel channel)
    {
        var samples = channel.Buffer.AsSpan(0, channel.Count).ToArray();
        channel.Count = 0;
        var time = start + TimeSpan.FromTicks((long)Math.Round(channel.BlockStart * TimeSpan.TicksPerSecond));
        var block = new VibrationBlock(machineId, channel.SensorId, time, _sampleRate!.Value, shaftSpeedRpm, samples);
        return new OutgoingEvent<VibrationBlock>($"{machineId}/{channel.SensorId}", block, time,
            [KeyValuePair.Create(TruthHeaders.Fault, TruthHeaders.FaultClass(channel.Fault))]);
    }

    private static double Parse(string field, string column) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new RowRejectedException($"{column} '{field}' is not a number");

    private sealed class Channel(int index, VibrationFault fault, string name, string column, int blockSize)
    {
        /// <summary>The header as written in the file, for messages.</summary>
        public string Column { get; } = column;

        public int Index { get; } = index;

        public VibrationFault Fault { get; } = fault;

        public string Name { get; } = name;

        public string SensorId { get; set; } = string.Empty;

        public float[] Buffer { get; } = new float[blockSize];

        public int Count { get; set; }

        public double BlockStart { get; set; }
    }
}
