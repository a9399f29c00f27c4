using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

/// <summary>
/// Hamerly's bounds carried from one fit to the next: widened by how far each point moved, they only let Lloyd's
/// steps skip points that cannot have changed cluster, so a warm fit with them ends exactly where one without them does.
/// </summary>
public sealed class CarriedBoundsTests
{
    [Theory]
    [InlineData(1, 0.001)]
    [InlineData(2, 0.01)]
    [InlineData(3, 0.1)]
    [InlineData(4, 1.0)]
    public void A_warm_fit_with_carried_bounds_matches_one_without_them(int seed, double drift)
    {
        var random = new Random(seed);
        const int n = 3_000;
        var (xs, ys) = FourBlobs(random, n);

        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var first = KMeans.Fit(xs, ys, ones, k: 40, seed: 7, restarts: 1, maxIterations: 20);
        Assert.NotNull(first.Bounds);

        // Every point moves a little, as places do when the PCA's directions and the means change; a tenth are new.
        var movedX = new double[n];
        var movedY = new double[n];
        var upper = new double[n];
        var lower = new double[n];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            movedX[i] = xs[i] + (drift * Normal(random));
            movedY[i] = ys[i] + (drift * Normal(random));
            var step = Math.Sqrt(Math.Pow(movedX[i] - xs[i], 2) + Math.Pow(movedY[i] - ys[i], 2));
            labels[i] = i % 10 == 0 ? -1 : first.Labels[i];
            upper[i] = labels[i] < 0 ? double.PositiveInfinity : first.Bounds.Value.Upper[i] + step;
            lower[i] = labels[i] < 0 ? 0 : Math.Max(0, first.Bounds.Value.Lower[i] - step);
        }

        var plain = KMeans.Fit(movedX, movedY, ones, k: 40, seed: 7, restarts: 1, maxIterations: 20, first.CentreX, first.CentreY, labels);
        var carried = KMeans.Fit(movedX, movedY, ones, k: 40, seed: 7, restarts: 1, maxIterations: 20, first.CentreX, first.CentreY, labels, (upper, lower));

        Assert.Equal(plain.Labels, carried.Labels);
        Assert.Equal(plain.Iterations, carried.Iterations);
        Assert.Equal(plain.CentreX, carried.CentreX);
        Assert.Equal(plain.CentreY, carried.CentreY);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 40)]
    [InlineData(3, 100)]
    public void Scanning_only_the_centres_near_a_points_own_finds_what_scanning_every_centre_finds(int seed, int k)
    {
        var random = new Random(seed);
        const int n = 3_000;

        // A few points on a grid, so that some sit at exactly equal distances from two centres (ties go to the lower index).
        var (xs, ys) = FourBlobs(random, n, gridEvery: 50);

        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var plain = KMeans.Fit(xs, ys, ones, k, seed: 7, restarts: 2, maxIterations: 30, nearScan: false);
        var near = KMeans.Fit(xs, ys, ones, k, seed: 7, restarts: 2, maxIterations: 30);

        Assert.Equal(plain.Labels, near.Labels);
        Assert.Equal(plain.Iterations, near.Iterations);
        Assert.Equal(plain.CentreX, near.CentreX);
        Assert.Equal(plain.CentreY, near.CentreY);
        Assert.Equal(plain.Bounds!.Value.Upper, near.Bounds!.Value.Upper);
        Assert.Equal(plain.Bounds!.Value.Lower, near.Bounds!.Value.Lower);

        // Continued from those centres with the points moved, as an update does.
        var movedX = xs.Select(x => x + (0.05 * Normal(random))).ToArray();
        var warmPlain = KMeans.Fit(movedX, ys, ones, k, seed: 7, restarts: 1, maxIterations: 30, plain.CentreX, plain.CentreY, plain.Labels, nearScan: false);
        var warmNear = KMeans.Fit(movedX, ys, ones, k, seed: 7, restarts: 1, maxIterations: 30, plain.CentreX, plain.CentreY, plain.Labels);
        Assert.Equal(warmPlain.Labels, warmNear.Labels);
        Assert.Equal(warmPlain.CentreX, warmNear.CentreX);
        Assert.True(warmNear.Looked > 0);
    }

    [Fact]
    public void A_fit_on_one_thread_finds_what_a_fit_spread_over_cores_finds()
    {
        var random = new Random(5);
        // Enough points (over 2 × 16,384) that the assignment passes are split when there are cores to split them over.
        const int n = 40_000;
        var xs = Enumerable.Range(0, n).Select(i => ((i % 3) * 3) + Normal(random)).ToArray();
        var ys = Enumerable.Range(0, n).Select(i => Normal(random)).ToArray();
        var ones = Enumerable.Repeat(1.0, n).ToArray();

        var spread = KMeans.Fit(xs, ys, ones, k: 30, seed: 3, restarts: 1, maxIterations: 8);
        var one = KMeans.Fit(xs, ys, ones, k: 30, seed: 3, restarts: 1, maxIterations: 8, parallel: false);

        Assert.Equal(spread.Labels, one.Labels);
        Assert.Equal(spread.CentreX, one.CentreX);
        Assert.Equal(spread.CentreY, one.CentreY);
        Assert.Equal(spread.Bounds!.Value.Lower, one.Bounds!.Value.Lower);
    }

    /// <summary>
    /// Four blobs, so that most points sit well inside a cluster and some on the edges between them; with
    /// <paramref name="gridEvery"/>, every such point's y is its x rounded (a point on a grid).
    /// </summary>
    private static (double[] Xs, double[] Ys) FourBlobs(Random random, int n, int gridEvery = 0)
    {
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = ((i % 4) * 3) + Normal(random);
            ys[i] = gridEvery > 0 && i % gridEvery == 0 ? Math.Round(xs[i]) : ((i % 4 / 2) * 3) + Normal(random);
        }

        return (xs, ys);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
