namespace SensorStream.Producers.Trips;

/// <summary>A place trucks drive between, with its coordinates (degrees) for road-distance estimates.</summary>
public sealed record City(string Name, double Latitude, double Longitude)
{
    /// <summary>The cities of the simulated routes (north-west European freight corridors).</summary>
    public static IReadOnlyList<City> All { get; } =
    [
        new("Rotterdam", 51.92, 4.48), new("Antwerp", 51.22, 4.40), new("Brussels", 50.85, 4.35), new("Cologne", 50.94, 6.96),
        new("Dortmund", 51.51, 7.47), new("Hamburg", 53.55, 9.99), new("Frankfurt", 50.11, 8.68), new("Lille", 50.63, 3.06),
        new("Paris", 48.86, 2.35), new("Luxembourg", 49.61, 6.13), new("Strasbourg", 48.57, 7.75), new("Stuttgart", 48.78, 9.18),
        new("Amsterdam", 52.37, 4.90), new("Eindhoven", 51.44, 5.47), new("Liege", 50.63, 5.57),
    ];

    /// <summary>Road distance estimate, km: great-circle distance × 1.3, rounded.</summary>
    public double RoadKmTo(City other)
    {
        const double EarthRadiusKm = 6371;
        var dLat = double.DegreesToRadians(other.Latitude - Latitude);
        var dLon = double.DegreesToRadians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(Latitude)) * Math.Cos(double.DegreesToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return Math.Round(2 * EarthRadiusKm * Math.Asin(Math.Sqrt(a)) * 1.3);
    }
}
