namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// The numeric keypad (7 8 9 / 4 5 6 / 1 2 3 / 0 under 1 and 2) whose neighbouring keys get hit by mistake. The same
/// layout as the trip simulator's <c>TypoInjector.KeypadNeighbours</c>; kept here because stream processors do not
/// depend on the producers. Neighbourhood is symmetric, so the keys that could have been meant when a key was typed
/// are its neighbours.
/// </summary>
internal static class KeypadLayout
{
    private static readonly string[] Neighbours = ["12", "420", "5130", "62", "751", "8462", "953", "84", "795", "86"];

    /// <summary>Keys next to <paramref name="digit"/> (<c>'0'</c>–<c>'9'</c>), in the order the simulator lists them.</summary>
    public static string NeighboursOf(char digit) => Neighbours[digit - '0'];
}
