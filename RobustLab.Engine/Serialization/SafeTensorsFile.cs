// What SafeTensors.Read returns: the float tensors by name, the "__metadata__" strings, and the names of
// the tensors that were validated but deliberately not loaded (I64 "*.num_batches_tracked" counters).
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Serialization;

/// <summary>The contents of a safetensors file.</summary>
/// <param name="Tensors">Tensors by name, converted to float32.</param>
/// <param name="Metadata">The header's "__metadata__" entries (empty when absent).</param>
/// <param name="Skipped">Names of I64 "*.num_batches_tracked" tensors, which are validated but not loaded.</param>
public sealed record SafeTensorsFile(
    Dictionary<string, Tensor> Tensors,
    Dictionary<string, string> Metadata,
    IReadOnlyList<string> Skipped);
