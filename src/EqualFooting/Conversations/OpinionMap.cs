namespace EqualFooting.Conversations;

/// <summary>A clustered participant's place on the map and opinion group (0-based).</summary>
public readonly record struct MapPoint(int Participant, double X, double Y, int Group);

/// <summary>Votes on one statement within one group: agrees, disagrees and passes.</summary>
public readonly record struct VoteCounts(int Agree, int Disagree, int Pass)
{
    public int Total => Agree + Disagree + Pass;

    /// <summary>(agrees + 1) / (votes + 2): the agree rate with one imagined agree and one imagined other vote, so a statement few have seen sits near one half rather than at 0 or 1.</summary>
    public double SmoothedAgreeRate => (Agree + 1.0) / (Total + 2.0);

    /// <summary>(agrees − disagrees) / (votes + 2), between −1 and 1; passes pull it to 0.</summary>
    public double Lean => (Agree - Disagree) / (Total + 2.0);
}

/// <summary>Whose rate this is: an opinion group of the map or a stakeholder group participants declared.</summary>
public enum GroupKind
{
    Opinion,
    Stakeholder,
}

/// <summary>A statement's votes in one group.</summary>
public sealed record GroupRate(GroupKind Kind, int Group, VoteCounts Votes)
{
    public double AgreeRate => Votes.SmoothedAgreeRate;
}

/// <summary>A statement that sets one opinion group apart: the direction the group leans, its rate there and elsewhere.</summary>
public sealed record RepresentativeStatement(int Statement, VoteChoice Direction, double GroupRate, double OtherRate, double Score, VoteCounts InGroup);

/// <summary>A statement on which the opinion groups lean apart most; <see cref="Spread"/> is the largest minus the smallest lean.</summary>
public sealed record DivisiveStatement(int Statement, double Spread, IReadOnlyList<GroupRate> Rates);

/// <summary>A statement agreed in every group; <see cref="Score"/> is the smallest smoothed agree rate over them all.</summary>
public sealed record BridgingStatement(int Statement, double Score, IReadOnlyList<GroupRate> Rates);

/// <summary>One opinion group: its size and the statements that define it.</summary>
public sealed record OpinionGroup(int Id, int Size, double CentreX, double CentreY, IReadOnlyList<RepresentativeStatement> Representative);

/// <summary>What the analysis found; <see cref="OpinionAnalysis.Run"/> makes it and can continue from it when votes arrive.</summary>
public sealed class OpinionMap
{
    private readonly int[] _groupOf;

    internal OpinionMap(int[] groupOf, IReadOnlyList<MapPoint> points, IReadOnlyList<OpinionGroup> groups, IReadOnlyDictionary<int, double> silhouettes,
        IReadOnlyList<DivisiveStatement> divisive, IReadOnlyList<BridgingStatement> bridging, AnalysisState state, int pcaIterations, IReadOnlyList<PhaseCost> phases, IReadOnlyDictionary<string, long> workCounts)
    {
        _groupOf = groupOf;
        Points = points;
        Groups = groups;
        Silhouettes = silhouettes;
        Divisive = divisive;
        Bridging = bridging;
        State = state;
        PcaIterations = pcaIterations;
        Phases = phases;
        WorkCounts = workCounts;
    }

    public int Participants => _groupOf.Length;

    /// <summary>The participants kept (enough votes), with their place and group.</summary>
    public IReadOnlyList<MapPoint> Points { get; }

    public IReadOnlyList<OpinionGroup> Groups { get; }

    /// <summary>The silhouette of every number of groups tried; the largest chose <see cref="Groups"/>.</summary>
    public IReadOnlyDictionary<int, double> Silhouettes { get; }

    public IReadOnlyList<DivisiveStatement> Divisive { get; }

    public IReadOnlyList<BridgingStatement> Bridging { get; }

    public int PcaIterations { get; }

    /// <summary>What each step cost (wall and CPU time, allocations, collections), in order, for benchmarks and logs; a stopwatch and the process's CPU time, not the clock.</summary>
    public IReadOnlyList<PhaseCost> Phases { get; }

    /// <summary>How much work the steps did (rows re-counted, pairs touched, participants looked at in full, iterations), for benchmarks and logs.</summary>
    public IReadOnlyDictionary<string, long> WorkCounts { get; }

    internal AnalysisState State { get; }

    /// <summary>The participant's opinion group, or −1 when they were set aside (too few votes).</summary>
    public int GroupOf(int participant) => _groupOf[participant];
}

/// <summary>
/// What an update continues from: the PCA's block, the base clusters' centres and each participant's base cluster
/// (−1 when set aside), the votes the map was made from, the vote threshold then, and the co-vote sums (null when the
/// sparse passes were used), which an update changes where votes changed instead of counting them again.
/// </summary>
internal sealed record AnalysisState(double[] Directions, double[] BaseX, double[] BaseY, int[] BaseLabelOf, VoteMatrix Matrix, int Threshold, CoVotes? CoVotes)
{
    /// <summary>The statement tally, with the opinion and stakeholder group of every participant it was counted under, for an update to change only what moved.</summary>
    public (StatementTally Tally, int[] GroupOf, int[]? StakeholderOf)? Tallied { get; init; }

    /// <summary>
    /// Each participant's place and Hamerly's bounds against the final base centres (read only for those with a base label): an update
    /// widens the bounds by how far each participant moved, so its first Lloyd pass skips those who cannot have changed cluster.
    /// </summary>
    public (double[] X, double[] Y, double[] Upper, double[] Lower)? Places { get; init; }

    // 1 once an update has taken the places over (TakePlaces).
    private int _placesTaken;

    /// <summary>The places, for the first update from this map only: it overwrites them with its own; later updates from this map get none.</summary>
    public (double[] X, double[] Y, double[] Upper, double[] Lower)? TakePlaces() =>
        Interlocked.Exchange(ref _placesTaken, 1) == 0 ? Places : null;
}
