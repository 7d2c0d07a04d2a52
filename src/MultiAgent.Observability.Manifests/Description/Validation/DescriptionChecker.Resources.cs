using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>The <c>resources</c> section: requests and limits as Kubernetes quantities.</summary>
internal sealed partial class DescriptionChecker
{
    private void Resources(string path, ResourceDescription? resources)
    {
        if (resources is null)
        {
            Add(path, "the resources are missing (null)");
            return;
        }

        var cpuRequest = Quantity(DescriptionPath.Key(path, "cpu_request"), resources.CpuRequest, memory: false, required: true);
        var memoryRequest = Quantity(DescriptionPath.Key(path, "memory_request"), resources.MemoryRequest, memory: true, required: true);
        var cpuLimit = resources.CpuLimit is null ? null : Quantity(DescriptionPath.Key(path, "cpu_limit"), resources.CpuLimit, memory: false, required: false);
        var memoryLimit = Quantity(DescriptionPath.Key(path, "memory_limit"), resources.MemoryLimit, memory: true, required: true);

        if (cpuRequest is { } cr && cpuLimit is { } cl && cr > cl)
        {
            Add(DescriptionPath.Key(path, "cpu_request"), $"the CPU request {resources.CpuRequest} is more than the CPU limit {resources.CpuLimit}");
        }

        if (memoryRequest is { } mr && memoryLimit is { } ml && mr > ml)
        {
            Add(DescriptionPath.Key(path, "memory_request"), $"the memory request {resources.MemoryRequest} is more than the memory limit {resources.MemoryLimit}");
        }
    }

    private decimal? Quantity(string path, string? text, bool memory, bool required)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(path, "a quantity is required");
            }

            return null;
        }

        if (!KubernetesQuantity.TryParse(text, out var value))
        {
            Add(path, $"'{text}' is not a Kubernetes quantity{Suggestions.DidYouMean(Suggestions.Quantity(text, memory))}");
            return null;
        }

        if (value <= 0)
        {
            Add(path, $"'{text}' must be more than zero");
            return null;
        }

        if (memory && decimal.Truncate(value) != value)
        {
            // "512m" parses, but means 0.512 bytes: the classic slip for megabytes.
            Add(path, $"'{text}' is {value.ToString(CultureInfo.InvariantCulture)} bytes, not a whole number of bytes ('m' means milli){Suggestions.DidYouMean(Suggestions.Quantity(text, memory: true))}");
            return null;
        }

        if (!memory && value < 0.001m)
        {
            Add(path, $"'{text}' is less than the smallest CPU amount, 1m");
            return null;
        }

        return value;
    }
}
