namespace EqualFooting.Conversations;

/// <summary>The analysis's parameters; the defaults are Pol.is's where it has one (docs/opinion-maps.md gives each and why).</summary>
public sealed record OpinionSettings
{
    /// <summary>A participant with fewer votes (or fewer than the statements there are, when fewer) is set aside.</summary>
    public int MinVotes { get; init; } = 7;

    /// <summary>
    /// Scale each participant's projection by √(statements / their votes), as today's Pol.is does, so that someone who
    /// voted on a few statements is not drawn to the centre by the imputed means. Off by default: the groups in the
    /// published Pol.is exports (2014–2022) are matched better without it (docs/opinion-maps.md has the table).
    /// </summary>
    public bool ScaleSparseVoters { get; init; }

    public int MinGroups { get; init; } = 2;

    public int MaxGroups { get; init; } = 5;

    /// <summary>Participants are first grouped into this many small clusters; opinion groups are clusters of those.</summary>
    public int BaseClusters { get; init; } = 100;

    /// <summary>Lloyd steps at most for the base clusters (they also stop when at most one participant in a thousand moves); an update continues from the last centres, so the steps add up over updates, as in Pol.is.</summary>
    public int BaseIterations { get; init; } = 20;

    /// <summary>Seeds the k-means++ choices and the PCA's starting block, so the same votes always give the same map.</summary>
    public int Seed { get; init; } = 20_140_618;

    public int MaxPcaIterations { get; init; } = 100;

    /// <summary>Relative change of the two leading variances below which the PCA stops.</summary>
    public double PcaTolerance { get; init; } = 1e-5;

    public int GroupRestarts { get; init; } = 10;

    public int RepresentativeCount { get; init; } = 5;

    public int DivisiveCount { get; init; } = 5;

    public int BridgingCount { get; init; } = 5;

    /// <summary>One-sided z for "this group differs from the rest" (90%, Pol.is's level).</summary>
    public double RepresentativeZ { get; init; } = 1.2816;
}
