using SensorStream.Contracts.Events;

namespace SensorStream.Tests.StreamProcessors.Faults;

/// <summary>One sensor's blocks over one window that lies wholly inside one fault episode, with the truth from its headers.</summary>
internal sealed record LabelledWindow(string Key, VibrationFault Truth, IReadOnlyList<VibrationBlock> Blocks);
