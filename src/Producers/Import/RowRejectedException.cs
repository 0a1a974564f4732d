namespace SensorStream.Producers.Import;

/// <summary>A CSV row whose values cannot become an event; the importer counts it, reports it and moves on.</summary>
public sealed class RowRejectedException(string reason) : Exception(reason);
