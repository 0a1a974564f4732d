namespace SensorStream.StreamProcessors.Windows;

/// <summary>A kept window as replay sees it: the first input offset it needs, and whether it has been forgotten.</summary>
internal interface IReplayedWindow
{
    /// <summary>The first input offset that contributed; a restart must replay from no later.</summary>
    long FirstOffset { get; }

    /// <summary>Whether the window has been forgotten (it needs nothing replayed any more).</summary>
    bool Dropped { get; }
}
