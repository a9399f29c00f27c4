using System.Runtime.CompilerServices;

namespace EqualFooting.Conversations;

/// <summary>
/// Opinion groups from votes, in the manner of Pol.is (docs/opinion-maps.md): participants with too few votes set aside;
/// missing votes imputed with the statement's mean; the first two principal components (each participant's projection
/// optionally scaled by √(statements / their votes), as today's Pol.is does); k-means into base clusters,
/// then weighted k-means of those into 2–5 opinion groups, the number chosen by silhouette. Then each group's
/// representative statements, the divisive statements and the bridging statements (agreed in every opinion group and
/// every stakeholder group). Pure: no I/O, no clock; the same votes and settings always give the same map.
/// </summary>
public static class OpinionAnalysis
{
    /// <param name="stakeholderOf">Each participant's declared stakeholder group (0-based), −1 for none; null when none are known.</param>
    /// <param name="previous">A map of an earlier state of the same conversation: the PCA and the base clusters continue from it, which makes an update after a few votes much cheaper.</param>
    // This method and the loops it runs (here, in KMeans, SparsePca, CoVotes, StatementTally and VoteMatrix) are
    // compiled fully optimised at their first call: the web worker runs an analysis at most every 5 s, and tiered
    // compilation would keep them in quick, unoptimised code for their first 30 calls (minutes); the bench measured
    // an update at about twice the CPU time that way.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OpinionMap Run(VoteMatrix matrix, OpinionSettings? settings = null, IReadOnlyList<int>? stakeholderOf = null, OpinionMap? previous = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        settings ??= new OpinionSettings();
        var n = matrix.Participants;
        var clock = new PhaseClock();
        var statementsVoted = matrix.StatementsVoted;
        var threshold = Math.Max(1, Math.Min(settings.MinVotes, statementsVoted));
        var keptCount = 0;
        for (var p = 0; p < n; p++)
        {
            keptCount += matrix.VotesOf(p) >= threshold ? 1 : 0;
        }

        var rows = new int[keptCount];
        for (int p = 0, i = 0; p < n; p++)
        {
            if (matrix.VotesOf(p) >= threshold)
            {
                rows[i++] = p;
            }
        }

        var groupOf = new int[n];
        Array.Fill(groupOf, -1);
        var warm = previous?.State;
        clock.Mark("threshold");
        // CᵀC through the co-vote sums when that pays: carried over from the previous map and changed only where votes
        // changed (docs/opinion-maps.md, "Update"), else counted afresh.
        CoVotes? coVotes = null;
        if (warm?.CoVotes is { } earlier && warm.Threshold == threshold)
        {
            var before = warm.Matrix;
            coVotes = earlier.Update(before, p => before.VotesOf(p) >= threshold, matrix, p => matrix.VotesOf(p) >= threshold);
            if (coVotes is not null)
            {
                clock.Counts["covote_rows_recounted"] = coVotes.Work.Rows;
                clock.Counts["covote_pair_updates"] = coVotes.Work.Pairs;
            }
        }

        if (coVotes is null && SparsePca.GramPays(matrix, rows, warm is not null))
        {
            coVotes = CoVotes.Build(matrix, rows);
            clock.Counts["covote_rows_counted"] = rows.Length;
        }

        clock.Mark("co-votes");
        // A full computation spreads its passes over cores. An update's passes are short (most participants skipped by
        // their bounds, three PCA products): spread over the two cores of the machine measured, they took half as
        // much CPU time again for a quarter less wall time, so below eight million votes an update runs them on one thread
        // (the products and assignments are row by row: the same result either way).
        var parallel = warm is null || matrix.Count > 8_000_000;
        var means = coVotes?.Means() ?? ColumnMeans(matrix, rows);
        var gram = coVotes?.Gram(means);
        clock.Mark("means+gram");
        var pca = SparsePca.Compute(matrix, rows, means, warm?.Directions, settings.MaxPcaIterations, settings.PcaTolerance, settings.Seed, gram, parallel);
        clock.Mark("pca");
        clock.Counts["pca_iterations"] = pca.Iterations;
        var (xs, ys) = Project(matrix, rows, means, pca.Directions, settings.ScaleSparseVoters ? statementsVoted : 0, parallel);
        clock.Mark("project");

        // Base clusters: participants at the same place are one point; Pol.is's own method, which also makes the silhouette cheap.
        var baseK = Math.Min(settings.BaseClusters, rows.Length);
        var ones = new double[rows.Length];
        Array.Fill(ones, 1.0);
        var groups = new List<OpinionGroup>();
        var silhouettes = new Dictionary<int, double>();
        int[] baseLabels;
        KMeansResult baseFit;
        // The previous map's places, taken over: read for the carried bounds, then overwritten with this map's (no 1 MB
        // of new arrays a round). A second update from the same map finds them taken and starts without carried bounds,
        // which only means fewer skipped distances (CarriedBoundsTests: the same fit).
        var previousPlaces = warm?.TakePlaces();
        if (rows.Length == 0)
        {
            baseLabels = [];
            baseFit = new KMeansResult([], [], [], [], 0, 0);
        }
        else
        {
            // Each participant starts in the base cluster they were in, so that when few move one assignment pass suffices.
            var startLabels = warm is null ? null : Array.ConvertAll(rows, r => r < warm.BaseLabelOf.Length ? warm.BaseLabelOf[r] : -1);
            var startBounds = previousPlaces is { } places && startLabels is not null ? CarriedBounds(places, rows, startLabels, xs, ys) : ((double[], double[])?)null;
            baseFit = KMeans.Fit(xs, ys, ones, baseK, settings.Seed, restarts: 1, maxIterations: settings.BaseIterations, warm?.BaseX, warm?.BaseY, startLabels, startBounds, parallel: parallel, adopt: true);
            baseLabels = baseFit.Labels;
        }

        clock.Mark("base");
        clock.Counts["base_iterations"] = baseFit.Iterations;
        clock.Counts["base_full_looks"] = baseFit.Looked;
        // Empty base clusters (possible when fewer distinct places than clusters) drop out of the group step.
        var used = Enumerable.Range(0, baseFit.Weights.Length).Where(c => baseFit.Weights[c] > 0).ToArray();
        var bx = used.Select(c => baseFit.CentreX[c]).ToArray();
        var by = used.Select(c => baseFit.CentreY[c]).ToArray();
        var bw = used.Select(c => baseFit.Weights[c]).ToArray();
        var baseToUsed = new int[baseFit.Weights.Length];
        for (var i = 0; i < used.Length; i++)
        {
            baseToUsed[used[i]] = i;
        }

        int[] usedGroup = new int[used.Length];
        KMeansResult? chosen = null;
        var bestSilhouette = double.NegativeInfinity;
        for (var k = settings.MinGroups; k <= settings.MaxGroups && k < used.Length; k++)
        {
            var fit = KMeans.Fit(bx, by, bw, k, settings.Seed + k, settings.GroupRestarts, maxIterations: 300);
            var s = KMeans.Silhouette(bx, by, bw, fit.Labels, k);
            silhouettes[k] = s;
            if (s > bestSilhouette + 1e-12)
            {
                bestSilhouette = s;
                chosen = fit;
            }
        }

        if (chosen is not null)
        {
            usedGroup = chosen.Labels;
        }

        clock.Mark("groups");

        // Number the groups by size, largest first, so "group A" means the same thing from one update to the next more often.
        var k0 = chosen?.CentreX.Length ?? (used.Length > 0 ? 1 : 0);
        var sizes = new int[k0];
        for (var i = 0; i < rows.Length; i++)
        {
            sizes[usedGroup[baseToUsed[baseLabels[i]]]]++;
        }

        var order = Enumerable.Range(0, k0).Where(g => sizes[g] > 0).OrderByDescending(g => sizes[g]).ThenBy(g => g).ToArray();
        var rename = new int[k0];
        for (var i = 0; i < order.Length; i++)
        {
            rename[order[i]] = i;
        }

        var points = new MapPoint[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var g = rename[usedGroup[baseToUsed[baseLabels[i]]]];
            groupOf[rows[i]] = g;
            points[i] = new MapPoint(rows[i], xs[i], ys[i], g);
        }

        var groupCount = order.Length;
        var stakeholders = stakeholderOf is null ? 0 : (stakeholderOf.Count == 0 ? 0 : stakeholderOf.Max() + 1);
        // Kept as an array of its own: the caller's list may change after this call, the next update compares against it.
        var stakeholderArray = stakeholderOf?.ToArray();
        var tally = (warm?.Tallied is { } tallied
                ? StatementTally.Update(tallied.Tally, warm.Matrix, tallied.GroupOf, tallied.StakeholderOf, matrix, groupOf, groupCount, stakeholderArray, stakeholders)
                : null)
            ?? StatementTally.Count(matrix, groupOf, groupCount, stakeholderArray, stakeholders);
        clock.Counts["tally_rows_recounted"] = tally.RowsRecounted;
        clock.Mark("tally");
        var centreX = new double[groupCount];
        var centreY = new double[groupCount];
        var counted = new int[groupCount];
        foreach (var p in points)
        {
            centreX[p.Group] += p.X;
            centreY[p.Group] += p.Y;
            counted[p.Group]++;
        }

        for (var g = 0; g < groupCount; g++)
        {
            groups.Add(new OpinionGroup(g, counted[g], centreX[g] / counted[g], centreY[g] / counted[g], tally.Representative(g, settings)));
        }

        var divisive = tally.Divisive(settings);
        var bridging = tally.Bridging(settings);
        clock.Mark("statements");
        var state = new AnalysisState(pca.Directions, baseFit.CentreX, baseFit.CentreY, BaseLabelOf(n, rows, baseLabels), matrix, threshold, coVotes)
        {
            Tallied = (tally, groupOf, stakeholderArray),
            Places = PlacesOf(n, rows, xs, ys, baseFit.Bounds, previousPlaces),
        };
        clock.Mark("state");
        return new OpinionMap(groupOf, points, groups, silhouettes, divisive, bridging, state, pca.Iterations, clock.Phases, clock.Counts);
    }

    /// <summary>
    /// The previous fit's bounds, each widened by how far its participant moved since (the centres start where they
    /// ended): d(p′, c) ≤ d(p, c) + |p′ − p| and d(p′, c) ≥ d(p, c) − |p′ − p|, so they stay valid. A participant with no
    /// previous place (not kept last time, so no start label) gets bounds that force a full look.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] Upper, double[] Lower) CarriedBounds((double[] X, double[] Y, double[] Upper, double[] Lower) places, int[] rows, int[] startLabels, double[] xs, double[] ys)
    {
        var upper = new double[rows.Length];
        var lower = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            // A start label means the participant was kept last time, so their place and bounds were stored.
            if (startLabels[i] < 0)
            {
                upper[i] = double.PositiveInfinity;
                continue;
            }

            var dx = xs[i] - places.X[r];
            var dy = ys[i] - places.Y[r];
            var moved = Math.Sqrt((dx * dx) + (dy * dy));
            upper[i] = places.Upper[r] + moved;
            lower[i] = Math.Max(0, places.Lower[r] - moved);
        }

        return (upper, lower);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <param name="reuse">The previous map's places, taken over (<see cref="AnalysisState.TakePlaces"/>): overwritten when the participants are as many, else new arrays. Entries of participants not kept stay stale; they are read only for participants with a base label, that is kept here.</param>
    private static (double[] X, double[] Y, double[] Upper, double[] Lower)? PlacesOf(int participants, int[] rows, double[] xs, double[] ys, (double[] Upper, double[] Lower)? bounds, (double[] X, double[] Y, double[] Upper, double[] Lower)? reuse)
    {
        if (bounds is not { } b || b.Upper.Length != rows.Length)
        {
            return null;
        }

        var (x, y, upper, lower) = reuse is { } r && r.X.Length == participants
            ? r
            : (new double[participants], new double[participants], new double[participants], new double[participants]);
        for (var i = 0; i < rows.Length; i++)
        {
            x[rows[i]] = xs[i];
            y[rows[i]] = ys[i];
            upper[rows[i]] = b.Upper[i];
            lower[rows[i]] = b.Lower[i];
        }

        return (x, y, upper, lower);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] BaseLabelOf(int participants, int[] rows, int[] baseLabels)
    {
        var of = new int[participants];
        Array.Fill(of, -1);
        for (var i = 0; i < rows.Length; i++)
        {
            of[rows[i]] = baseLabels[i];
        }

        return of;
    }

    private static double[] ColumnMeans(VoteMatrix matrix, int[] rows)
    {
        var sums = new double[matrix.Statements];
        var counts = new int[matrix.Statements];
        matrix = matrix.Flat();
        foreach (var r in rows)
        {
            for (var k = matrix.RowStart[r]; k < matrix.RowEnd[r]; k++)
            {
                sums[matrix.Columns[k]] += matrix.Values[k];
                counts[matrix.Columns[k]]++;
            }
        }

        for (var j = 0; j < sums.Length; j++)
        {
            sums[j] = counts[j] > 0 ? sums[j] / counts[j] : 0;
        }

        return sums;
    }

    /// <param name="statementsVoted">The statements voted on, for the sparse-voter scaling; 0 for none.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] X, double[] Y) Project(VoteMatrix matrix, int[] rows, double[] means, double[] directions, int statementsVoted, bool parallel)
    {
        var z = new double[rows.Length * 2];
        SparsePca.Multiply(matrix, rows, means, directions, z, width: 2, parallel: parallel);
        var xs = new double[rows.Length];
        var ys = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            // Pol.is's correction: a participant who voted on few statements has most coordinates imputed at the mean and
            // would sit near the centre whatever they think; scaling by √(statements / votes) puts them back out.
            var scale = statementsVoted == 0 ? 1 : Math.Sqrt((double)statementsVoted / Math.Max(1, matrix.VotesOf(rows[i])));
            xs[i] = z[i * 2] * scale;
            ys[i] = z[(i * 2) + 1] * scale;
        }

        return (xs, ys);
    }
}
