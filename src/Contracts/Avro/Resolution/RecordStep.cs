using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>
/// A record: reads the writer's fields in the writer's order and writes the reader's fields in the reader's order, filling
/// defaults and skipping removed fields. When both orders agree (the usual evolution: fields added or removed) it streams;
/// otherwise it buffers each field and reorders.
/// </summary>
internal sealed class RecordStep : TranscodeStep
{
    private TranscodeStep[] _inOrder = [];
    private (TranscodeStep Step, int ReaderIndex)[] _writerFields = [];
    private byte[]?[] _defaults = [];
    private bool _reorders;

    /// <summary>Fields are attached after the step is cached, so a recursive record resolves to itself.</summary>
    public void Initialize((TranscodeStep Step, int ReaderIndex)[] writerFields, byte[]?[] readerDefaults)
    {
        _writerFields = writerFields;
        _defaults = readerDefaults;
        var next = 0;
        var steps = new List<TranscodeStep>();
        foreach (var (step, readerIndex) in writerFields)
        {
            if (readerIndex < 0)
            {
                steps.Add(step);
                continue;
            }
            if (readerIndex < next)
            {
                _reorders = true;
                return;
            }
            for (; next < readerIndex; next++)
            {
                steps.Add(new DefaultStep(readerDefaults[next]!));
            }
            steps.Add(step);
            next = readerIndex + 1;
        }
        for (; next < readerDefaults.Length; next++)
        {
            steps.Add(new DefaultStep(readerDefaults[next]!));
        }
        _inOrder = [.. steps];
    }

    public override void Run(ref AvroReader reader, ref AvroWriter writer)
    {
        reader.Enter();
        if (!_reorders)
        {
            foreach (var step in _inOrder)
            {
                step.Run(ref reader, ref writer);
            }
        }
        else
        {
            RunReordering(ref reader, ref writer);
        }
        reader.Exit();
    }

    private void RunReordering(ref AvroReader reader, ref AvroWriter writer)
    {
        var slots = new byte[]?[_defaults.Length];
        foreach (var (step, readerIndex) in _writerFields)
        {
            if (readerIndex < 0)
            {
                step.Run(ref reader, ref writer);
                continue;
            }
            var field = new AvroWriter(64);
            try
            {
                step.Run(ref reader, ref field);
                slots[readerIndex] = field.ToArray();
            }
            finally
            {
                field.Dispose();
            }
        }
        for (var i = 0; i < slots.Length; i++)
        {
            writer.WriteFixed(slots[i] ?? _defaults[i]);
        }
    }
}
