namespace SensorStream.Producers.Trips;

/// <summary>
/// The truck trip log's shape (configuration section <c>Simulation:Trips</c>). Defaults: 8 trucks, about 1.3 trips per
/// truck per weekday (0.3 at weekends), 3 % of rows with a hand-typing error.
/// </summary>
public sealed class TripSimulationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Simulation:Trips";

    /// <summary>Trucks in the fleet, named <c>TRK-01</c>… Default 8.</summary>
    public int Trucks { get; set; } = 8;

    /// <summary>Mean trips per truck per weekday. Default 1.3.</summary>
    public double TripsPerWeekday { get; set; } = 1.3;

    /// <summary>Mean trips per truck per weekend day. Default 0.3.</summary>
    public double TripsPerWeekendDay { get; set; } = 0.3;

    /// <summary>Share of rows entered with a mistake (0–1), split evenly between dropped digit, adjacent key, transposed digits and duplicate row. Default 0.03.</summary>
    public double ErrorRate { get; set; } = 0.03;
}
