using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>
/// Builds an <c>autoscaling/v2</c> HorizontalPodAutoscaler on CPU, and on memory when the description sets
/// <c>target_memory</c>, with explicit <c>behavior</c> (the HPA follows whichever metric asks for more pods). With a mesh
/// sidecar it targets the agent container only (<c>ContainerResource</c>), because a pod average would include the sidecar.
/// </summary>
internal static class AutoscalerFactory
{
    public static V2HorizontalPodAutoscaler Create(AgentIdentity agent, bool sidecarInjected)
    {
        var scaling = agent.Agent.Scaling;
        List<V2MetricSpec> metrics = [Utilization("cpu", scaling.TargetCpu, sidecarInjected)];
        if (scaling.TargetMemory is { } memory)
        {
            metrics.Add(Utilization("memory", memory, sidecarInjected));
        }

        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = ApiVersions.Autoscaling,
            Kind = "HorizontalPodAutoscaler",
            Metadata = agent.Metadata(),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = ApiVersions.Apps, Kind = "Deployment", Name = agent.ObjectName },
                MinReplicas = scaling.MinReplicas,
                MaxReplicas = scaling.MaxReplicas,
                Metrics = metrics,
                Behavior = new V2HorizontalPodAutoscalerBehavior
                {
                    ScaleUp = new V2HPAScalingRules
                    {
                        StabilizationWindowSeconds = 0,
                        SelectPolicy = "Max",
                        Policies =
                        [
                            new V2HPAScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 },
                            new V2HPAScalingPolicy { Type = "Pods", Value = 4, PeriodSeconds = 15 },
                        ],
                    },

                    // Agents hold long LLM calls: shrink slowly, at most half the pods a minute after 5 quiet minutes.
                    ScaleDown = new V2HPAScalingRules
                    {
                        StabilizationWindowSeconds = 300,
                        SelectPolicy = "Max",
                        Policies = [new V2HPAScalingPolicy { Type = "Percent", Value = 50, PeriodSeconds = 60 }],
                    },
                },
            },
        };
    }

    private static V2MetricSpec Utilization(string resource, int percent, bool sidecarInjected)
    {
        var target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent };
        return sidecarInjected
            ? new V2MetricSpec
            {
                Type = "ContainerResource",
                ContainerResource = new V2ContainerResourceMetricSource { Name = resource, Container = WellKnownLabels.ContainerName, Target = target },
            }
            : new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = resource, Target = target } };
    }
}
