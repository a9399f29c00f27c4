using System.Runtime.CompilerServices;

namespace EqualFooting.Conversations;

/// <summary>
/// Votes on every statement counted by opinion group and by stakeholder group, and the three lists read from them:
/// representative (per opinion group), divisive and bridging statements. One pass over the votes.
/// </summary>
internal sealed class StatementTally
{
    // [group, statement, 0 agree / 1 disagree / 2 pass]
    private readonly int[] _opinion;
    private readonly int[] _stakeholder;
    private readonly int[] _all;
    private readonly int _statements;
    private readonly int _groups;
    private readonly int _stakeholders;

    /// <summary>For an updated tally: the participants taken out and counted again (for benchmarks).</summary>
    internal int RowsRecounted { get; private set; }

    private StatementTally(int statements, int groups, int stakeholders)
    {
        _statements = statements;
        _groups = groups;
        _stakeholders = stakeholders;
        _opinion = new int[groups * statements * 3];
        _stakeholder = new int[stakeholders * statements * 3];
        _all = new int[statements * 3];
    }

    /// <summary>Counted in parallel over participants, each chunk into its own tally (a few thousand counts), added at the end.</summary>
    internal static StatementTally Count(VoteMatrix matrix, int[] groupOf, int groups, IReadOnlyList<int>? stakeholderOf, int stakeholders)
    {
        var m = matrix.Statements;
        var n = matrix.Participants;
        matrix = matrix.Flat();
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 4096));
        var partial = new StatementTally[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            var tally = new StatementTally(m, groups, stakeholders);
            var to = (int)((long)n * (chunk + 1) / chunks);
            for (var p = (int)((long)n * chunk / chunks); p < to; p++)
            {
                var g = groupOf[p];
                var s = stakeholderOf is not null && p < stakeholderOf.Count ? stakeholderOf[p] : -1;
                for (var k = matrix.RowStart[p]; k < matrix.RowEnd[p]; k++)
                {
                    var slot = (matrix.Columns[k] * 3) + (matrix.Values[k] switch { 1 => 0, -1 => 1, _ => 2 });
                    tally._all[slot]++;
                    if (g >= 0)
                    {
                        tally._opinion[(g * m * 3) + slot]++;
                    }

                    if (s >= 0)
                    {
                        tally._stakeholder[(s * m * 3) + slot]++;
                    }
                }
            }

            partial[chunk] = tally;
        });
        var total = partial[0];
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            Add(total._all, partial[chunk]._all);
            Add(total._opinion, partial[chunk]._opinion);
            Add(total._stakeholder, partial[chunk]._stakeholder);
        }

        total.RowsRecounted = n;
        return total;
    }

    /// <summary>
    /// The tally of <paramref name="matrix"/> from <paramref name="before"/>, the tally of <paramref name="oldMatrix"/>:
    /// only the participants whose votes, opinion group or stakeholder group changed are taken out as they were and
    /// counted again as they are, so a few votes cost a few rows, not every vote. Integers throughout, so the result is
    /// exactly a fresh count. Null when the shape changed (statements, groups or stakeholder groups): count afresh.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static StatementTally? Update(
        StatementTally before, VoteMatrix oldMatrix, int[] oldGroupOf, int[]? oldStakeholderOf,
        VoteMatrix matrix, int[] groupOf, int groups, int[]? stakeholderOf, int stakeholders)
    {
        var m = matrix.Statements;
        if (before._statements != m || oldMatrix.Statements != m || before._groups != groups || before._stakeholders != stakeholders
            || matrix.Participants < oldMatrix.Participants || oldGroupOf.Length != oldMatrix.Participants)
        {
            return null;
        }

        var tally = new StatementTally(m, groups, stakeholders);
        before._all.CopyTo(tally._all, 0);
        before._opinion.CopyTo(tally._opinion, 0);
        before._stakeholder.CopyTo(tally._stakeholder, 0);
        // When matrix was made from oldMatrix by VoteMatrix.With, only the rows its batches touched can differ (ascending).
        var candidates = matrix.ChangedSince(oldMatrix);
        var candidate = 0;
        for (var p = 0; p < matrix.Participants; p++)
        {
            var g = groupOf[p];
            var s = StakeholderOf(stakeholderOf, p);
            if (p < oldMatrix.Participants)
            {
                var og = oldGroupOf[p];
                var os = StakeholderOf(oldStakeholderOf, p);
                if (g == og && s == os)
                {
                    while (candidates is not null && candidate < candidates.Count && candidates[candidate] < p)
                    {
                        candidate++;
                    }

                    var touched = candidates is null || (candidate < candidates.Count && candidates[candidate] == p);
                    if (!touched || SameRow(oldMatrix, matrix, p))
                    {
                        continue;
                    }
                }

                tally.CountRow(oldMatrix, p, og, os, -1);
            }

            tally.CountRow(matrix, p, g, s, 1);
            tally.RowsRecounted++;
        }

        return tally;
    }

    private static int StakeholderOf(int[]? stakeholderOf, int p) => stakeholderOf is not null && p < stakeholderOf.Length ? stakeholderOf[p] : -1;

    private static bool SameRow(VoteMatrix a, VoteMatrix b, int p)
    {
        var before = a.Row(p);
        var after = b.Row(p);
        return before.Columns.SequenceEqual(after.Columns) && before.Values.SequenceEqual(after.Values);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountRow(VoteMatrix matrix, int p, int g, int s, int sign)
    {
        var m = _statements;
        var row = matrix.Row(p);
        for (var k = 0; k < row.Columns.Length; k++)
        {
            var slot = (row.Columns[k] * 3) + (row.Values[k] switch { 1 => 0, -1 => 1, _ => 2 });
            _all[slot] += sign;
            if (g >= 0)
            {
                _opinion[(g * m * 3) + slot] += sign;
            }

            if (s >= 0)
            {
                _stakeholder[(s * m * 3) + slot] += sign;
            }
        }
    }

    /// <summary>Every count, overall then by opinion group then by stakeholder group: what two tallies of the same votes agree on.</summary>
    internal int[] Counts => [.. _all, .. _opinion, .. _stakeholder];

    private static void Add(int[] into, int[] from)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    private static VoteCounts At(int[] counts, int offset) => new(counts[offset], counts[offset + 1], counts[offset + 2]);

    private VoteCounts Opinion(int group, int statement) => At(_opinion, ((group * _statements) + statement) * 3);

    private VoteCounts Stakeholder(int group, int statement) => At(_stakeholder, ((group * _statements) + statement) * 3);

    private VoteCounts All(int statement) => At(_all, statement * 3);

    /// <summary>
    /// Pol.is's representativeness: for the direction (agree or disagree) the group leans, the group's smoothed rate
    /// times its ratio to everyone else's; kept when a two-proportion z-test says the group differs from the rest at
    /// the set level and the group's rate is above one half. Highest score first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal IReadOnlyList<RepresentativeStatement> Representative(int group, OpinionSettings settings)
    {
        var found = new List<RepresentativeStatement>();
        for (var j = 0; j < _statements; j++)
        {
            var inside = Opinion(group, j);
            var all = All(j);
            var outside = new VoteCounts(all.Agree - inside.Agree, all.Disagree - inside.Disagree, all.Pass - inside.Pass);
            if (inside.Total == 0)
            {
                continue;
            }

            var best = (RepresentativeStatement?)null;
            foreach (var direction in Directions)
            {
                var hitsIn = direction == VoteChoice.Agree ? inside.Agree : inside.Disagree;
                var hitsOut = direction == VoteChoice.Agree ? outside.Agree : outside.Disagree;
                var rateIn = (hitsIn + 1.0) / (inside.Total + 2.0);
                var rateOut = (hitsOut + 1.0) / (outside.Total + 2.0);
                if (rateIn <= 0.5 || Z(hitsIn, inside.Total, hitsOut, outside.Total) < settings.RepresentativeZ)
                {
                    continue;
                }

                var score = rateIn * (rateIn / rateOut);
                if (best is null || score > best.Score)
                {
                    best = new RepresentativeStatement(j, direction, rateIn, rateOut, score, inside);
                }
            }

            if (best is not null)
            {
                found.Add(best);
            }
        }

        return found.OrderByDescending(r => r.Score).ThenBy(r => r.Statement).Take(settings.RepresentativeCount).ToList();
    }

    private static readonly VoteChoice[] Directions = [VoteChoice.Agree, VoteChoice.Disagree];

    /// <summary>Two-proportion z statistic (pooled), with Pol.is's add-one smoothing so that small groups do not divide by zero.</summary>
    private static double Z(int hitsA, int totalA, int hitsB, int totalB)
    {
        var a = (hitsA + 1.0) / (totalA + 2.0);
        var b = (hitsB + 1.0) / (totalB + 2.0);
        var pooled = (hitsA + hitsB + 1.0) / (totalA + totalB + 2.0);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / (totalA + 2)) + (1.0 / (totalB + 2))));
        return se > 0 ? (a - b) / se : 0;
    }

    /// <summary>Statements whose lean, (agree − disagree) / (votes + 2), differs most between opinion groups; at least 0.2 apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal IReadOnlyList<DivisiveStatement> Divisive(OpinionSettings settings)
    {
        if (_groups < 2)
        {
            return [];
        }

        // Scores first, without a list of rates per statement; the rates only for the statements kept.
        var found = new List<(int Statement, double Spread)>();
        for (var j = 0; j < _statements; j++)
        {
            double most = double.MinValue, least = double.MaxValue;
            for (var g = 0; g < _groups; g++)
            {
                var lean = Opinion(g, j).Lean;
                most = Math.Max(most, lean);
                least = Math.Min(least, lean);
            }

            var spread = most - least;
            if (spread >= 0.2)
            {
                found.Add((j, spread));
            }
        }

        return found.OrderByDescending(d => d.Spread).ThenBy(d => d.Statement).Take(settings.DivisiveCount)
            .Select(d => new DivisiveStatement(d.Statement, d.Spread, [.. Enumerable.Range(0, _groups).Select(g => new GroupRate(GroupKind.Opinion, g, Opinion(g, d.Statement)))]))
            .ToList();
    }

    /// <summary>
    /// Statements ranked by the smallest smoothed agree rate over every opinion group and every stakeholder group with
    /// members; a statement is bridging when even that smallest rate is above one half. A group that has not voted on
    /// the statement counts at one half, so a statement unseen by a group can never bridge it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal IReadOnlyList<BridgingStatement> Bridging(OpinionSettings settings)
    {
        var stakeholdersPresent = Enumerable.Range(0, _stakeholders)
            .Where(s => Enumerable.Range(0, _statements).Any(j => Stakeholder(s, j).Total > 0)).ToList();
        if (_groups + stakeholdersPresent.Count == 0)
        {
            return [];
        }

        // Scores first, without a list of rates per statement; the rates only for the statements kept.
        var found = new List<(int Statement, double Score)>();
        for (var j = 0; j < _statements; j++)
        {
            if (All(j).Total == 0)
            {
                continue;
            }

            var score = double.MaxValue;
            for (var g = 0; g < _groups; g++)
            {
                score = Math.Min(score, Opinion(g, j).SmoothedAgreeRate);
            }

            foreach (var s in stakeholdersPresent)
            {
                score = Math.Min(score, Stakeholder(s, j).SmoothedAgreeRate);
            }

            if (score > 0.5)
            {
                found.Add((j, score));
            }
        }

        return found.OrderByDescending(b => b.Score).ThenByDescending(b => All(b.Statement).Total).ThenBy(b => b.Statement)
            .Take(settings.BridgingCount)
            .Select(b => new BridgingStatement(b.Statement, b.Score, [.. Enumerable.Range(0, _groups).Select(g => new GroupRate(GroupKind.Opinion, g, Opinion(g, b.Statement)))
                .Concat(stakeholdersPresent.Select(s => new GroupRate(GroupKind.Stakeholder, s, Stakeholder(s, b.Statement))))]))
            .ToList();
    }
}
