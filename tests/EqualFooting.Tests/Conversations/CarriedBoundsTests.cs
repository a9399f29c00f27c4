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
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Four blobs, so that most points sit well inside a cluster and some on the edges between them.
            xs[i] = ((i % 4) * 3) + Normal(random);
            ys[i] = ((i % 4 / 2) * 3) + Normal(random);
        }

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

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
