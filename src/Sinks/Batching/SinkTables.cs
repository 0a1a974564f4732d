using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.Sinks.Writers;

namespace SensorStream.Sinks.Batching;

/// <summary>Every table the sink writes, its pending batch, and the route from each topic to it.</summary>
internal sealed class SinkTables
{
    private readonly Dictionary<string, ITopicRoute> _routes = new(StringComparer.Ordinal);
    private readonly List<ITableBatch> _batches = [];

    public SinkTables(ISchemaRegistryClient registry, double acceptCorrectionScore)
    {
        Vibration = new VibrationBlockWriter();
        DeadLetters = Batch(new DeadLetterWriter());
        Add(Topics.SensorsVibration, registry, RowChecks.Problem, Batch(Vibration));
        Add(Topics.SensorsEnvironment, registry, RowChecks.Problem, Batch(new EnvironmentReadingWriter()));
        Add(Topics.TripsRecords, registry, RowChecks.Problem, Batch(new TripRecordWriter()));
        Add(Topics.MetricsWindows, registry, RowChecks.Problem, Batch(new WindowAggregateWriter()));
        Add(Topics.StatusChanges, registry, RowChecks.Problem, Batch(new StatusChangeWriter()));
        Add(Topics.DiagnosesVibration, registry, RowChecks.Problem, Batch(new VibrationDiagnosisWriter()));
        Add(Topics.Anomalies, registry, RowChecks.Problem, Batch(new AnomalyWriter(acceptCorrectionScore)));
        Add(Topics.DeadLetters, registry, RowChecks.Problem, DeadLetters);
        _routes[Topics.ConfigThresholds] = new ThresholdRoute(new AvroDeserializer<ThresholdConfig>(registry), Batch(new ThresholdWriter()));
    }

    /// <summary>The vibration writer (it is told the machines seeded at start).</summary>
    public VibrationBlockWriter Vibration { get; }

    /// <summary>The dead-letter table's batch: undecodable records of the <c>dlq</c> topic itself go straight here.</summary>
    public TableBatch<DeadLetter> DeadLetters { get; }

    /// <summary>Every table's batch, in the order they are written.</summary>
    public IReadOnlyList<ITableBatch> Batches => _batches;

    /// <summary>Rows pending in all batches.</summary>
    public int PendingRows => _batches.Sum(b => b.Count);

    /// <summary>The route of <paramref name="topic"/>.</summary>
    public ITopicRoute Route(string topic) => _routes[topic];

    /// <summary>Routes <paramref name="topic"/> through <paramref name="route"/> instead (tests put a faulty route here).</summary>
    internal void Replace(string topic, ITopicRoute route) => _routes[topic] = route;

    /// <summary>Forgets every pending row.</summary>
    public void Discard()
    {
        foreach (var batch in _batches)
        {
            batch.Discard();
        }
    }

    private TableBatch<T> Batch<T>(TableWriter<T> writer)
    {
        var batch = new TableBatch<T>(writer);
        _batches.Add(batch);
        return batch;
    }

    private void Add<T>(string topic, ISchemaRegistryClient registry, Func<T, string?> problem, TableBatch<T> batch) where T : class, IAvroEvent<T> =>
        _routes[topic] = new EventRoute<T>(new AvroDeserializer<T>(registry), problem, batch);
}
