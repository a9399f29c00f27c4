using System.Runtime.CompilerServices;

namespace EqualFooting.Conversations;

/// <summary>
/// Weighted k-means in the plane: k-means++ seeding from a seeded generator (so the same votes give the same groups),
/// then Lloyd's iterations until no point moves. Several seedings are tried and the one with the least weighted
/// within-group sum of squares kept. Also the weighted silhouette that chooses k.
/// </summary>
internal static class KMeans
{
    /// <param name="startLabels">With start centres: each point's cluster before (−1 for none), so that a pass that moves next to nobody ends the fit.</param>
    /// <param name="startBounds">
    /// With start labels: Hamerly's bounds valid for the start centres (upper ≥ the distance to the point's centre,
    /// lower ≤ the distance to any other), so that even the first pass skips the points that cannot have moved.
    /// </param>
    /// <param name="nearScan">Whether a full look may scan only the centres near the point's own (<see cref="Neighbours"/>); the same result either way, tests compare them.</param>
    /// <param name="parallel">Whether an assignment pass may be spread over cores (each point on its own, so the same result either way).</param>
    /// <param name="adopt">Whether the start labels and bounds are the caller's to give (fresh arrays it will not read again): then they are changed in place, not copied.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static KMeansResult Fit(double[] xs, double[] ys, double[] weights, int k, int seed, int restarts, int maxIterations, double[]? startX = null, double[]? startY = null, int[]? startLabels = null, (double[] Upper, double[] Lower)? startBounds = null, bool nearScan = true, bool parallel = true, bool adopt = false)
    {
        var n = xs.Length;
        k = Math.Min(k, n);
        KMeansResult? best = null;
        var random = new Random(seed);
        for (var attempt = 0; attempt < restarts; attempt++)
        {
            double[] cx, cy;
            int[]? labels = null;
            (double[] Upper, double[] Lower)? bounds = null;
            if (attempt == 0 && startX is not null && startY is not null && startX.Length == k)
            {
                cx = (double[])startX.Clone();
                cy = (double[])startY.Clone();
                labels = startLabels is not null && startLabels.Length == n ? (adopt ? startLabels : (int[])startLabels.Clone()) : null;
                if (labels is not null && startBounds is { } b && b.Upper.Length == n && b.Lower.Length == n)
                {
                    bounds = adopt ? b : ((double[])b.Upper.Clone(), (double[])b.Lower.Clone());
                }
            }
            else
            {
                (cx, cy) = SeedPlusPlus(xs, ys, weights, k, random);
            }

            var result = Lloyd(xs, ys, weights, cx, cy, maxIterations, labels, bounds, nearScan, parallel);
            if (best is null || result.Inertia < best.Inertia - 1e-12)
            {
                best = result;
            }
        }

        return best!;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] X, double[] Y) SeedPlusPlus(double[] xs, double[] ys, double[] weights, int k, Random random)
    {
        var n = xs.Length;
        var cx = new double[k];
        var cy = new double[k];
        var d2 = new double[n];
        var first = Pick(weights, weights.Sum(), random);
        cx[0] = xs[first];
        cy[0] = ys[first];
        for (var i = 0; i < n; i++)
        {
            d2[i] = Square(xs[i] - cx[0], ys[i] - cy[0]);
        }

        var scores = new double[n];
        for (var c = 1; c < k; c++)
        {
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                scores[i] = weights[i] * d2[i];
                total += scores[i];
            }

            // Every point sits on a centre already (fewer distinct points than k): take any, the empty group is dropped later.
            var chosen = total > 0 ? Pick(scores, total, random) : random.Next(n);
            cx[c] = xs[chosen];
            cy[c] = ys[chosen];
            for (var i = 0; i < n; i++)
            {
                d2[i] = Math.Min(d2[i], Square(xs[i] - cx[c], ys[i] - cy[c]));
            }
        }

        return (cx, cy);
    }

    private static int Pick(double[] scores, double total, Random random)
    {
        var target = random.NextDouble() * total;
        double run = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            run += scores[i];
            if (run >= target && scores[i] > 0)
            {
                return i;
            }
        }

        return Array.FindLastIndex(scores, s => s > 0) is var last and >= 0 ? last : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static KMeansResult Lloyd(double[] xs, double[] ys, double[] weights, double[] cx, double[] cy, int maxIterations, int[]? labels, (double[] Upper, double[] Lower)? startBounds, bool nearScan, bool parallel)
    {
        var n = xs.Length;
        var k = cx.Length;
        if (labels is null)
        {
            labels = new int[n];
            Array.Fill(labels, -1);
        }

        var sumX = new double[k];
        var sumY = new double[k];
        var sumW = new double[k];
        var iterations = 0;
        var changed = n;
        // Hamerly's bounds: upper[i] ≥ the distance to the point's centre, lower[i] ≤ the distance to any other centre.
        // After centres move, a point whose upper bound stays below both its lower bound and half the distance from its
        // centre to the nearest other one cannot have changed cluster and is skipped; late passes, when centres barely
        // move, then cost next to nothing. The labels are those of plain Lloyd's steps.
        var upper = startBounds?.Upper ?? new double[n];
        var lower = startBounds?.Lower ?? new double[n];
        var half = new double[k];
        var moved = new double[k];
        var bounded = startBounds is not null;
        long looked = 0;
        var unit = Array.TrueForAll(weights, w => w == 1.0);
        (double[] Moved, double Most, double Second, int MostAt)? pending = null;
        // With many centres (the base clusters), each centre's others sorted by distance, so that a point looked at in
        // full measures only the centres near its own (see Assign); kept sorted from one pass to the next by insertion.
        var neighbours = nearScan && k >= NeighbourScanFrom ? new Neighbours(k) : null;
        // Stop when no more than one point in a thousand changed group: the last stragglers between two of a hundred
        // base clusters move nothing that matters, and chasing them took most of the time on large conversations.
        while (changed > n / 1000 && iterations < maxIterations)
        {
            iterations++;
            if (neighbours is not null)
            {
                neighbours.Sort(cx, cy, half);
            }
            else
            {
                for (var c = 0; c < k; c++)
                {
                    var nearest = double.MaxValue;
                    for (var o = 0; o < k; o++)
                    {
                        if (o != c)
                        {
                            nearest = Math.Min(nearest, Square(cx[c] - cx[o], cy[c] - cy[o]));
                        }
                    }

                    half[c] = Math.Sqrt(nearest) / 2;
                }
            }

            Array.Clear(sumX);
            Array.Clear(sumY);
            Array.Clear(sumW);
            (changed, var full, var summed) = Assign(xs, ys, cx, cy, labels, upper, lower, half, bounded, neighbours, pending, parallel, (weights, unit, sumX, sumY, sumW));
            looked += full;
            bounded = true;
            if (!summed)
            {
                AddUp(xs, ys, weights, unit, labels, sumX, sumY, sumW);
            }

            double most = 0, second = 0;
            var mostAt = -1;
            for (var c = 0; c < k; c++)
            {
                moved[c] = 0;
                if (sumW[c] > 0)
                {
                    var nx = sumX[c] / sumW[c];
                    var ny = sumY[c] / sumW[c];
                    moved[c] = Math.Sqrt(Square(nx - cx[c], ny - cy[c]));
                    cx[c] = nx;
                    cy[c] = ny;
                }

                if (moved[c] > most)
                {
                    second = most;
                    most = moved[c];
                    mostAt = c;
                }
                else if (moved[c] > second)
                {
                    second = moved[c];
                }
            }

            // The bounds follow the centres' moves at the start of the next pass (or below, after the last), one pass over the points fewer.
            pending = (moved, most, second, mostAt);
        }

        if (pending is { } last)
        {
            for (var i = 0; i < n; i++)
            {
                Widen(i, labels, upper, lower, last);
            }
        }

        double inertia = 0;
        for (var i = 0; i < n; i++)
        {
            inertia += weights[i] * Square(xs[i] - cx[labels[i]], ys[i] - cy[labels[i]]);
        }

        return new KMeansResult(labels, cx, cy, sumW, inertia, iterations) { Bounds = (upper, lower), Looked = looked };
    }

    /// <summary>
    /// Nearest centre for every point (ties to the lower index when a point is looked at in full); parallel over large
    /// inputs. With <paramref name="bounded"/>, points the bounds clear are skipped (see <see cref="Lloyd"/>); every
    /// point looked at in full gets exact bounds. Returns how many labels changed and how many points were measured against every centre.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Changed, int Looked, bool Summed) Assign(double[] xs, double[] ys, double[] cx, double[] cy, int[] labels, double[] upper, double[] lower, double[] half, bool bounded, Neighbours? neighbours,
        (double[] Moved, double Most, double Second, int MostAt)? pending, bool parallel, (double[] Weights, bool Unit, double[] X, double[] Y, double[] W) sums)
    {
        var n = xs.Length;
        var chunks = parallel ? Math.Max(1, Math.Min(Environment.ProcessorCount, n / 16384)) : 1;
        var changed = new int[chunks];
        var looked = new int[chunks];
        var widen = pending.HasValue;
        var moves = pending.GetValueOrDefault();
        // On one thread the centres' sums are added up in the same pass, point by point in order as the separate pass
        // would (the same sums); over several, each chunk would add its own part, so the caller adds them up after.
        var sum = chunks == 1;
        // Parallel.For wakes a pool thread even for one chunk; small inputs (the opinion groups' hundred centres, fitted
        // forty times an analysis) run on the calling thread.
        if (chunks == 1)
        {
            Pass(0);
        }
        else
        {
            Parallel.For(0, chunks, Pass);
        }

        return (changed.Sum(), looked.Sum(), sum);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Pass(int chunk)
        {
            var from = (int)((long)n * chunk / chunks);
            var to = (int)((long)n * (chunk + 1) / chunks);
            for (var i = from; i < to; i++)
            {
                if (widen)
                {
                    Widen(i, labels, upper, lower, moves);
                }

                if (!Cleared(i, out var ownD))
                {
                    Look(i, chunk, ownD);
                }

                if (sum)
                {
                    Add(i, xs, ys, sums.Weights, sums.Unit, labels, sums.X, sums.Y, sums.W);
                }
            }
        }

        // Whether the bounds show the point cannot have changed cluster (a point without a cluster yet, new since the
        // start labels, is looked at in full).
        // ownD: the squared distance to the point's centre when it was measured here (NaN when not), so a full look need not measure it again.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        bool Cleared(int i, out double ownD)
        {
            ownD = double.NaN;
            if (!bounded || labels[i] < 0)
            {
                return false;
            }

            var bound = Math.Max(half[labels[i]], lower[i]);
            if (upper[i] <= bound)
            {
                return true;
            }

            ownD = Square(xs[i] - cx[labels[i]], ys[i] - cy[labels[i]]);
            upper[i] = Math.Sqrt(ownD);
            return upper[i] <= bound;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Look(int i, int chunk, double ownD)
        {
            looked[chunk]++;
            var best = 0;
            var bestD = double.MaxValue;
            var secondD = double.MaxValue;
            if (neighbours is not null && labels[i] >= 0)
            {
                (best, bestD, secondD) = neighbours.Nearest(xs[i], ys[i], labels[i], cx, cy, ownD);
            }
            else
            {
                for (var c = 0; c < cx.Length; c++)
                {
                    var d = Square(xs[i] - cx[c], ys[i] - cy[c]);
                    if (d < bestD)
                    {
                        secondD = bestD;
                        bestD = d;
                        best = c;
                    }
                    else if (d < secondD)
                    {
                        secondD = d;
                    }
                }
            }

            upper[i] = Math.Sqrt(bestD);
            lower[i] = Math.Sqrt(secondD);
            if (labels[i] != best)
            {
                labels[i] = best;
                changed[chunk]++;
            }
        }
    }

    /// <summary>
    /// The weighted mean silhouette: each point stands for <c>weights[i]</c> participants at the same place, so a(i) and
    /// b(i) are weighted mean distances and the mean is weighted; a point alone in its group scores 0 (Rousseeuw's rule).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Silhouette(double[] xs, double[] ys, double[] weights, int[] labels, int k)
    {
        var n = xs.Length;
        double total = 0, weightTotal = 0;
        var sums = new double[k];
        var counts = new double[k];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                sums[labels[j]] += weights[j] * Math.Sqrt(Square(xs[i] - xs[j], ys[i] - ys[j]));
                counts[labels[j]] += weights[j];
            }

            // The other participants the point stands for are at distance zero from it.
            counts[labels[i]] += weights[i] - 1;
            var own = labels[i];
            double s = 0;
            if (counts[own] > 0)
            {
                var a = sums[own] / counts[own];
                var b = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    if (c != own && counts[c] > 0)
                    {
                        b = Math.Min(b, sums[c] / counts[c]);
                    }
                }

                if (b < double.MaxValue)
                {
                    var max = Math.Max(a, b);
                    s = max > 0 ? (b - a) / max : 0;
                }
            }

            total += weights[i] * s;
            weightTotal += weights[i];
        }

        return weightTotal > 0 ? total / weightTotal : 0;
    }

    private static double Square(double dx, double dy) => (dx * dx) + (dy * dy);

    /// <summary>Each cluster's weighted sums of its points, point by point in order (weights of one: 1·x is x, so the same sums without the products).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddUp(double[] xs, double[] ys, double[] weights, bool unit, int[] labels, double[] sumX, double[] sumY, double[] sumW)
    {
        for (var i = 0; i < xs.Length; i++)
        {
            Add(i, xs, ys, weights, unit, labels, sumX, sumY, sumW);
        }
    }

    /// <summary>Point i into its centre's sums (weights of one added as such, so unit weights give the same sums as before).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(int i, double[] xs, double[] ys, double[] weights, bool unit, int[] labels, double[] sumX, double[] sumY, double[] sumW)
    {
        var l = labels[i];
        var w = unit ? 1.0 : weights[i];
        sumX[l] += unit ? xs[i] : w * xs[i];
        sumY[l] += unit ? ys[i] : w * ys[i];
        sumW[l] += w;
    }

    /// <summary>Hamerly's bounds after the centres moved: the own centre moved at most moved[l] away, any other came at most the largest other move nearer.</summary>
    private static void Widen(int i, int[] labels, double[] upper, double[] lower, (double[] Moved, double Most, double Second, int MostAt) moves)
    {
        var l = labels[i];
        upper[i] += moves.Moved[l];
        lower[i] -= l == moves.MostAt ? moves.Second : moves.Most;
    }

    /// <summary>From this many centres on, a full look scans only the centres near the point's own (<see cref="Neighbours"/>).</summary>
    private const int NeighbourScanFrom = 16;

    /// <summary>
    /// For every centre, the others in order of distance from it. A point at distance u from its centre a can only be
    /// nearer to a centre c than to a, or have c as its second nearest, when d(a, c) − u is below the second-nearest
    /// distance found so far (triangle inequality: d(x, c) ≥ d(a, c) − u); so scanning a's list in order stops early
    /// and still finds exactly the nearest and second-nearest distances a scan of every centre finds, the same squared
    /// distances from the same expression, and the same winner on ties (the lower index). In two dimensions with a
    /// hundred centres a full look then measures a handful of them instead of all.
    /// </summary>
    private sealed class Neighbours
    {
        private readonly int _k;
        private readonly int[] _order;
        private readonly double[] _distance;

        internal Neighbours(int k)
        {
            _k = k;
            _order = new int[k * (k - 1)];
            _distance = new double[_order.Length];
            for (var c = 0; c < k; c++)
            {
                var at = c * (k - 1);
                for (var o = 0; o < k; o++)
                {
                    if (o != c)
                    {
                        _order[at++] = o;
                    }
                }
            }
        }

        /// <summary>Re-measures every pair and restores each list's order (insertion sort: centres move little between passes); half = half the nearest other's distance.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal void Sort(double[] cx, double[] cy, double[] half)
        {
            var width = _k - 1;
            for (var c = 0; c < _k; c++)
            {
                var at = c * width;
                for (var r = 0; r < width; r++)
                {
                    var o = _order[at + r];
                    _distance[at + r] = Math.Sqrt(Square(cx[c] - cx[o], cy[c] - cy[o]));
                }

                for (var r = 1; r < width; r++)
                {
                    var d = _distance[at + r];
                    var o = _order[at + r];
                    var s = r - 1;
                    while (s >= 0 && _distance[at + s] > d)
                    {
                        _distance[at + s + 1] = _distance[at + s];
                        _order[at + s + 1] = _order[at + s];
                        s--;
                    }

                    _distance[at + s + 1] = d;
                    _order[at + s + 1] = o;
                }

                half[c] = (width > 0 ? _distance[at] : Math.Sqrt(double.MaxValue)) / 2;
            }
        }

        /// <summary>The nearest centre to (x, y) and the squared distances to it and to the second nearest, scanning from <paramref name="own"/>'s neighbours (<paramref name="ownD"/>: the squared distance to it, NaN when not yet measured).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal (int Best, double BestD, double SecondD) Nearest(double x, double y, int own, double[] cx, double[] cy, double ownD)
        {
            var best = own;
            var bestD = double.IsNaN(ownD) ? Square(x - cx[own], y - cy[own]) : ownD;
            var secondD = double.MaxValue;
            var u = Math.Sqrt(bestD);
            var limit = double.MaxValue;
            var width = _k - 1;
            var at = own * width;
            for (var r = 0; r < width; r++)
            {
                // Every centre further down the list is at least d(own, c) − u away; stop once that clears the second
                // nearest (a relative margin so that rounding in the triangle inequality cannot drop a tie).
                if (_distance[at + r] > limit)
                {
                    break;
                }

                var c = _order[at + r];
                var d = Square(x - cx[c], y - cy[c]);
                if (d < bestD || (d == bestD && c < best))
                {
                    secondD = bestD;
                    bestD = d;
                    best = c;
                }
                else if (d < secondD)
                {
                    secondD = d;
                }
                else
                {
                    continue;
                }

                limit = u + (Math.Sqrt(secondD) * (1 + 1e-9)) + 1e-12;
            }

            return (best, bestD, secondD);
        }
    }
}

internal sealed record KMeansResult(int[] Labels, double[] CentreX, double[] CentreY, double[] Weights, double Inertia, int Iterations)
{
    /// <summary>Hamerly's bounds of every point against the final centres, for a later fit that starts from them.</summary>
    public (double[] Upper, double[] Lower)? Bounds { get; init; }

    /// <summary>Point-passes measured against every centre (those the bounds did not clear), over all iterations.</summary>
    public long Looked { get; init; }
}
