using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Manifests.Tests.Description;

/// <summary>A hostile description's problems are capped where they are collected: the first hundred listed, all counted.</summary>
public sealed class DescriptionProblemCapTests
{
    private const int Agents = 100_000;

    [Fact]
    public void Validate_OneBadAgent_HasThreeProblems()
    {
        var problems = SystemDescriptionValidator.Validate(System(1));

        Assert.Equal(["agents[0].agent_id", "agents[0].image", "agents[0].tag"], problems.Select(p => p.Path));
        Assert.Equal(3, problems.TotalCount);
        Assert.Equal(0, problems.UnlistedCount);
    }

    [Fact]
    public void Validate_HundredThousandBadAgents_ListsTheFirstHundredAndCountsAll()
    {
        var problems = SystemDescriptionValidator.Validate(System(Agents));

        Assert.Equal(DescriptionProblemList.MaxListed, problems.Count);
        Assert.Equal(3 * Agents, problems.TotalCount);
        Assert.Equal((3 * Agents) - DescriptionProblemList.MaxListed, problems.UnlistedCount);
        Assert.Equal("agents[0].agent_id", problems[0].Path);
        Assert.Equal("agents[33].agent_id", problems[^1].Path);
    }

    [Fact]
    public void Validate_ThousandsOfUnknownCallers_OnlyTheListedOnesLookForASuggestion()
    {
        // Each listed message compares the caller with every agent id; past the cap no message is built, so the
        // work is the first hundred messages', not one comparison of every caller with every id (quadratic).
        var system = System(5000);
        system = system with { Agents = [.. system.Agents.Select((a, i) => a with { Id = "agent-" + i.ToString(CultureInfo.InvariantCulture), Image = "ghcr.io/acme/a", Tag = "1", Callers = ["agent_" + i.ToString(CultureInfo.InvariantCulture)] })] };

        var problems = SystemDescriptionValidator.Validate(system);

        Assert.Equal((DescriptionProblemList.MaxListed, 5000), (problems.Count, problems.TotalCount));
        Assert.Equal("'agent_0' is not an agent of this system; did you mean 'agent-0'?", problems[0].Message);
    }

    [Fact]
    public void Generate_HundredThousandBadAgents_ExceptionListsAtMostTheCapAndNamesTheTotal()
    {
        var e = Assert.Throws<InvalidSystemDescriptionException>(() => new ManifestGenerator().Generate(System(Agents)));

        Assert.Equal(DescriptionProblemList.MaxListed, e.Problems.Count);
        Assert.Equal(3 * Agents, e.TotalProblemCount);
        var lines = e.Message.Split('\n');
        Assert.Equal(DescriptionProblemList.MaxListed + 2, lines.Length);
        Assert.Equal("The system description has 300000 problems:", lines[0]);
        Assert.Equal("  ... and 299900 more", lines[^1]);
    }

    [Fact]
    public void Exception_PlainListLongerThanTheCap_MessageStillCapped()
    {
        var problems = SystemDescriptionValidator.Validate(System(30));
        List<DescriptionProblem> copied = [.. problems, .. problems];

        var e = new InvalidSystemDescriptionException(copied);

        Assert.Equal(180, e.TotalProblemCount);
        Assert.Equal(DescriptionProblemList.MaxListed + 2, e.Message.Split('\n').Length);
    }

    [Fact]
    public void Load_ThousandsOfBadAgents_FirstHundredByLineAndTheTotal()
    {
        var text = new StringBuilder("name: s\nnamespace: n\nagents:\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append("  - agent_id: Bad_").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var result = SystemDescriptionLoader.Load(text.ToString(), "f.yaml");

        Assert.False(result.IsValid);
        Assert.Equal(DescriptionProblemList.MaxListed, result.Problems.Count);
        Assert.True(result.Problems.TotalCount >= 2000 * 2, $"{result.Problems.TotalCount} problems counted");
        Assert.Equal(4, result.Problems[0].Line);
        Assert.True(result.Problems.Zip(result.Problems.Skip(1)).All(pair => pair.First.Line <= pair.Second.Line), "listed by line");
    }

    private static SystemDescription System(int agents)
    {
        var list = new List<AgentDescription>(agents);
        for (var i = 0; i < agents; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            list.Add(new AgentDescription { Id = "Bad_" + n, Image = "", Tag = "" });
        }

        return new SystemDescription { Name = "s", Namespace = "n", Agents = list };
    }
}
