namespace SensorStream.Contracts.Trips;

/// <summary>
/// The numeric keypad trip logs are typed on (7 8 9 / 4 5 6 / 1 2 3 / 0 under 1 and 2). The simulator mistypes with
/// it and the entry checker undoes slips with it, so both must agree on which keys are neighbours. Neighbourhood is
/// symmetric: the keys that could have been meant when a key was typed are its neighbours.
/// </summary>
public static class NumericKeypad
{
    private static readonly string[] Neighbours = ["12", "420", "5130", "62", "751", "8462", "953", "84", "795", "86"];

    /// <summary>Keys next to <paramref name="digit"/> (<c>'0'</c>–<c>'9'</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digit"/> is not a decimal digit.</exception>
    public static string NeighboursOf(char digit) =>
        digit is >= '0' and <= '9' ? Neighbours[digit - '0'] : throw new ArgumentOutOfRangeException(nameof(digit), digit, "not a decimal digit");
}
