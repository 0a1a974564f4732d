namespace SensorStream.Sinks;

/// <summary>The sink cannot go on (the message says why); its uncommitted records are read again after a restart.</summary>
public sealed class SinkFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SinkFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public SinkFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SinkFailedException(string message)
        : base(message)
    {
    }
}
