namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>One role's state, what it says about itself, and since when (UTC).</summary>
public sealed record RoleStatus(string Role, RoleState State, string Detail, DateTimeOffset Since);
