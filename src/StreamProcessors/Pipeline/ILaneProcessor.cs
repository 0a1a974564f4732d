namespace SensorStream.StreamProcessors.Pipeline;

/// <summary>
/// The work of one lane of a <see cref="KeyedStage{TKey, TIn, TOut}"/>: it sees only its own key's items, one at a
/// time and in order, so it may keep state without locks. Outputs go to <c>emit</c>; they reach the next stage in
/// the order they were emitted.
/// </summary>
public interface ILaneProcessor<in TIn, TOut>
{
    /// <summary>Handles one item.</summary>
    void Process(TIn item, Action<TOut> emit);

    /// <summary>Called periodically with the wall-clock time (e.g. to advance an idle partition's watermark).</summary>
    void Tick(DateTimeOffset now, Action<TOut> emit);

    /// <summary>Called once when the lane closes (key revoked or stage stopped), after its last item.</summary>
    void Complete(Action<TOut> emit);

    /// <summary>
    /// Called after the outputs of an item or tick have been handed to the next stage. Progress that depends on
    /// outputs being safely downstream (an offset that may be committed) is published here, not in <see cref="Process"/>.
    /// </summary>
    void OutputsHandedOver()
    {
    }
}
