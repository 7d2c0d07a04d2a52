using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>
/// Builds an <c>autoscaling/v2</c> HorizontalPodAutoscaler on CPU with explicit <c>behavior</c>. With a mesh sidecar it
/// targets the agent container only (<c>ContainerResource</c>), because a pod average would include the sidecar.
/// </summary>
internal static class AutoscalerFactory
{
    public static V2HorizontalPodAutoscaler Create(AgentIdentity agent, bool sidecarInjected)
    {
        var scaling = agent.Agent.Scaling;
        var target = new V2MetricTarget { Type = "Utilization", AverageUtilization = scaling.TargetCpu };
        var metric = sidecarInjected
            ? new V2MetricSpec
            {
                Type = "ContainerResource",
                ContainerResource = new V2ContainerResourceMetricSource { Name = "cpu", Container = WellKnownLabels.ContainerName, Target = target },
            }
            : new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "cpu", Target = target } };

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
                Metrics = [metric],
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
}
