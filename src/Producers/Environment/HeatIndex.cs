namespace SensorStream.Producers.Environment;

/// <summary>
/// Perceived temperature as the US National Weather Service's heat index (Rothfusz regression with Steadman's simple
/// formula below 80 °F, and NWS's low- and high-humidity adjustments), converted to and from °C.
/// Below about 27 °C it stays within a degree of the air temperature, as it should indoors.
/// </summary>
public static class HeatIndex
{
    /// <summary>Heat index in °C for air temperature <paramref name="celsius"/> (°C) and relative humidity <paramref name="humidityPct"/> (%).</summary>
    public static double Celsius(double celsius, double humidityPct)
    {
        var t = (celsius * 9 / 5) + 32;
        var rh = Math.Clamp(humidityPct, 0, 100);
        var simple = 0.5 * (t + 61.0 + ((t - 68.0) * 1.2) + (rh * 0.094));
        double hi;
        if ((simple + t) / 2 < 80)
        {
            hi = (simple + t) / 2;
        }
        else
        {
            hi = -42.379 + (2.04901523 * t) + (10.14333127 * rh) - (0.22475541 * t * rh) - (0.00683783 * t * t)
                - (0.05481717 * rh * rh) + (0.00122874 * t * t * rh) + (0.00085282 * t * rh * rh) - (0.00000199 * t * t * rh * rh);
            if (rh < 13 && t is >= 80 and <= 112)
            {
                hi -= (13 - rh) / 4 * Math.Sqrt((17 - Math.Abs(t - 95)) / 17);
            }
            else if (rh > 85 && t is >= 80 and <= 87)
            {
                hi += (rh - 85) / 10 * ((87 - t) / 5);
            }
        }
        return (hi - 32) * 5 / 9;
    }
}
