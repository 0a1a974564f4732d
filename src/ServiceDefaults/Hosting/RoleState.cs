namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>Where a role of a host is in its life.</summary>
public enum RoleState
{
    /// <summary>Registered, not running yet.</summary>
    Starting,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Stopped because the host is stopping.</summary>
    Stopped,

    /// <summary>Stopped by a failure; the host stops with it and exits non-zero.</summary>
    Failed,
}
