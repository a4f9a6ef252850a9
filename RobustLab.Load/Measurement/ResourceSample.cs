namespace RobustLab.Load.Measurement;

/// <summary>One reading of the server (and of this load generator) at run time <see cref="At"/> seconds.</summary>
/// <param name="ServerCpuPercent">Server CPU since the previous reading, in percent of one core (200 = both cores of two).</param>
/// <param name="OtherCpuPercent">CPU used meanwhile by everything else on the machine (neither the server nor this program):
/// other people's jobs on a shared machine.</param>
internal sealed record ResourceSample(double At, int Circuits, double? ServerRssMiB, double? ServerCpuPercent, int? ServerThreads,
    double? ClientCpuPercent, double? OtherCpuPercent, double? LoadAverage);
