using System.Net.Sockets;
using Npgsql;

namespace SensorStream.Sinks.Hosting;

/// <summary>
/// Which database failures are worth waiting out. The server being down, restarting, refusing connections or
/// out of resources passes; a statement the server rejects for its content (data or integrity errors, a missing
/// table) would fail the same way forever, so the sink stops with that error rather than spin on it.
/// </summary>
internal static class DatabaseErrors
{
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState[..2] is "08" or "53" or "57" or "58" || pg.SqlState is "40001" or "40P01" || pg.IsTransient,
        NpgsqlException => true,
        SocketException or IOException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    public static bool IsDatabaseError(Exception e) => e is NpgsqlException or InvalidOperationException { InnerException: NpgsqlException };

    public static string Describe(Exception e) => e switch
    {
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState}{(pg.TableName is { } t ? $", table {t}" : string.Empty)})",
        _ => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message,
    };
}
