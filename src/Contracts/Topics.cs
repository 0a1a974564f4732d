namespace SensorStream.Contracts;

/// <summary>
/// The topic names of SensorStream, and their Schema Registry subjects under Confluent's TopicNameStrategy
/// (<c>&lt;topic&gt;-value</c> and <c>&lt;topic&gt;-key</c>).
/// </summary>
public static class Topics
{
    /// <summary>Raw vibration blocks (<c>VibrationBlock</c>), keyed by sensor id.</summary>
    public const string SensorsVibration = "sensors.vibration";

    /// <summary>Raw environment readings (<c>EnvironmentReading</c>), keyed by sensor id.</summary>
    public const string SensorsEnvironment = "sensors.environment";

    /// <summary>Truck trip log rows (<c>TripRecord</c>), keyed by truck id.</summary>
    public const string TripsRecords = "trips.records";

    /// <summary>Windowed aggregates (<c>WindowAggregate</c>), keyed by entity id.</summary>
    public const string MetricsWindows = "metrics.windows";

    /// <summary>Threshold level changes (<c>StatusChange</c>), keyed by entity id.</summary>
    public const string StatusChanges = "status.changes";

    /// <summary>Vibration fault classifications (<c>VibrationDiagnosis</c>), keyed by sensor id.</summary>
    public const string DiagnosesVibration = "diagnoses.vibration";

    /// <summary>Flagged anomalies (<c>Anomaly</c>), keyed by entity id.</summary>
    public const string Anomalies = "anomalies";

    /// <summary>Events that arrived after their window closed, as produced on their source topic, keyed as there.</summary>
    public const string LateEvents = "late.events";

    /// <summary>Dead letters (<c>DeadLetter</c>): records a processor could not decode or validate.</summary>
    public const string DeadLetters = "dlq";

    /// <summary>Threshold configuration (<c>ThresholdConfig</c>), compacted, keyed by <c>sensor_type/metric</c>.</summary>
    public const string ConfigThresholds = "config.thresholds";

    /// <summary>Every topic above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SensorsVibration, SensorsEnvironment, TripsRecords, MetricsWindows, StatusChanges,
        DiagnosesVibration, Anomalies, LateEvents, DeadLetters, ConfigThresholds,
    ];

    /// <summary>The value subject of <paramref name="topic"/> under TopicNameStrategy: <c>&lt;topic&gt;-value</c>.</summary>
    public static string ValueSubject(string topic) => $"{topic}-value";

    /// <summary>The key subject of <paramref name="topic"/> under TopicNameStrategy: <c>&lt;topic&gt;-key</c>.</summary>
    public static string KeySubject(string topic) => $"{topic}-key";
}
