using SensorStream.Contracts.Csv;
using SensorStream.Producers.Publishing;

namespace SensorStream.Producers.Import;

/// <summary>Turns the rows of one CSV layout into events.</summary>
public interface IRowMapper<T>
{
    /// <summary>Checks the header row; throws <see cref="FormatException"/> (stopping the import) when required columns are missing.</summary>
    void ReadHeader(CsvRow header);

    /// <summary>The events of one data row (possibly none yet, for rows that accumulate); throws <see cref="RowRejectedException"/> for a bad row.</summary>
    IEnumerable<OutgoingEvent<T>> Map(CsvRow row);

    /// <summary>Events still held when the file ends (a partial vibration block).</summary>
    IEnumerable<OutgoingEvent<T>> Complete();
}
