namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// One entry of a segment's sparse indexes. In the offset index, <see cref="Key"/> is the first offset of the
/// batch at <see cref="Position"/>. In the time index, <see cref="Key"/> is the largest timestamp of every batch
/// before <see cref="Position"/>, so a timestamp lookup may start scanning there.
/// </summary>
internal readonly record struct SparseIndexEntry(long Key, int Position);
