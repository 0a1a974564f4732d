using SensorStream.Contracts.Events;

namespace SensorStream.Producers.Vibration;

/// <summary>
/// The vibration feed's shape (configuration section <c>Simulation:Vibration</c>). Defaults: machines g1–g5 at
/// 1500/1800/3000/3600/1200 rpm, four sensors each, blocks of 256 samples at 2 560 Hz (100 ms per block, so 200
/// blocks/s in real time), machines alternating between normal operation (mean 2 min) and a random fault (mean 1 min).
/// </summary>
public sealed class VibrationSimulationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Simulation:Vibration";

    /// <summary>The machines. Shaft speeds are multiples of 37.5 rpm so 1×, 0.5× and their harmonics fall on exact FFT bins of 4 096-sample windows.</summary>
    public List<MachineProfile> Machines { get; set; } =
    [
        new("g1", 1500), new("g2", 1800), new("g3", 3000), new("g4", 3600), new("g5", 1200),
    ];

    /// <summary>Sensors per machine, named <c>sensor1</c>… Default 4.</summary>
    public int SensorsPerMachine { get; set; } = 4;

    /// <summary>Samples per block (one event). Default 256.</summary>
    public int BlockSize { get; set; } = 256;

    /// <summary>Samples per second, Hz. Default 2 560 (Nyquist 1 280 Hz, above the 900 Hz structural resonance the impacts ring at).</summary>
    public double SampleRateHz { get; set; } = 2560;

    /// <summary>Mean time a machine runs healthy before a fault appears (event time). Default 2 minutes.</summary>
    public TimeSpan MeanHealthyDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Mean time a fault lasts before repair (event time). Default 1 minute.</summary>
    public TimeSpan MeanFaultDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Standard deviation of the broadband sensor noise, g. Default 0.03.</summary>
    public double NoiseG { get; set; } = 0.03;

    /// <summary>Machines held in one condition for the whole run (e.g. <c>g1: MassUnbalance</c>), overriding the schedule.</summary>
    public Dictionary<string, VibrationFault> FixedFaults { get; set; } = [];

    /// <summary>Whether events carry the shaft speed (a tachometer is fitted). Default true.</summary>
    public bool ReportShaftSpeed { get; set; } = true;

    /// <summary>Duration of one block.</summary>
    public TimeSpan BlockDuration => TimeSpan.FromSeconds(BlockSize / SampleRateHz);

    /// <summary>Blocks per second of event time over every sensor: the real-time event rate.</summary>
    public double RealTimeEventsPerSecond => Machines.Count * SensorsPerMachine * SampleRateHz / BlockSize;
}
