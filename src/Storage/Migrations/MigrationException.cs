namespace SensorStream.Storage.Migrations;

/// <summary>The database schema cannot be brought to this build's version (the message says why and what to do).</summary>
internal sealed class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public MigrationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MigrationException(string message)
        : base(message)
    {
    }
}
