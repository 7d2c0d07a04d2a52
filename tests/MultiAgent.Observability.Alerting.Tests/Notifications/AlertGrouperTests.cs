using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Alerting.Notifications;

namespace MultiAgent.Observability.Alerting.Tests.Notifications;

/// <summary>Alertmanager's grouping and notification dedup, in process.</summary>
public sealed class AlertGrouperTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly List<AlertNotification> _sent = [];
    private readonly AlertNotificationOptions _options = new();

    private AlertGrouper Grouper() => new(_time, _options, _sent.Add);

    [Fact]
    public void Add_FiftyAgentsFailTogether_OneNotificationAfterGroupWait()
    {
        using var grouper = Grouper();
        for (var i = 0; i < 50; i++)
        {
            grouper.Add(TestAlerts.Make("AgentErrors", "agent-" + i));
        }

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_sent);
        _time.Advance(TimeSpan.FromSeconds(1));

        var notification = Assert.Single(_sent);
        Assert.Equal(50, notification.Firing.Count);
        Assert.Equal("{alertname=\"AgentErrors\"}", notification.GroupKey);
        Assert.Equal("AgentErrors", notification.GroupLabels["alertname"]);
    }

    [Fact]
    public void Add_ResolvedWithinGroupWait_NeverNotified()
    {
        using var grouper = Grouper();
        grouper.Add(TestAlerts.Make("Flap", "a1"));
        _time.Advance(TimeSpan.FromSeconds(10));
        grouper.Add(TestAlerts.Make("Flap", "a1", AlertState.Resolved));
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(_sent);
    }

    [Fact]
    public void Flush_UnchangedGroup_RepeatsOnlyAfterRepeatInterval_ThenAllResolved()
    {
        _options.RepeatInterval = TimeSpan.FromMinutes(12);
        using var grouper = Grouper();
        grouper.Add(TestAlerts.Make("High", "a1"));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(_sent);

        // Group interval 5m: checks at 5m30s, 10m30s (nothing new), 15m30s (repeat interval passed).
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(_sent);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, _sent.Count);

        grouper.Add(TestAlerts.Make("High", "a1", AlertState.Resolved));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, _sent.Count);
        Assert.True(_sent[2].AllResolved);
    }

    [Fact]
    public void Flush_NewAlertInGroup_NotifiedAtNextGroupInterval()
    {
        using var grouper = Grouper();
        grouper.Add(TestAlerts.Make("High", "a1"));
        _time.Advance(TimeSpan.FromSeconds(30));
        grouper.Add(TestAlerts.Make("High", "a2"));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Single(_sent);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(2, _sent.Count);
        Assert.Equal(2, _sent[1].Firing.Count);
    }

    [Fact]
    public void Flush_FiringAlertWhoseEndsAtPassed_TreatedAsResolved()
    {
        using var grouper = Grouper();
        grouper.Add(TestAlerts.Make("High", "a1", endsAt: DateTimeOffset.UnixEpoch.AddMinutes(2)));
        _time.Advance(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(2, _sent.Count);
        Assert.True(_sent[1].AllResolved);
    }
}
