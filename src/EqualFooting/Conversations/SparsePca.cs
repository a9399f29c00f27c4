using System.Runtime.CompilerServices;

namespace EqualFooting.Conversations;

/// <summary>
/// The first two principal components of the mean-imputed vote matrix, without building it. Imputing a missing vote
/// with its statement's mean and then centring each column leaves every missing cell at exactly zero and every vote v
/// at v − mean: the centred, imputed matrix C has the same sparsity as the votes, and the column means are the only
/// correction (a rank-one term, 1·meanᵀ, subtracted from the sparse matrix on the fly). C is never formed either: each
/// product reads the stored votes and subtracts the mean as it goes. The components are found by randomised block
/// subspace iteration on CᵀC (Halko, Martinsson and Tropp 2011) with a Rayleigh–Ritz step, two sparse passes an
/// iteration, parallel over rows.
/// </summary>
internal static class SparsePca
{
    /// <summary>Vectors iterated together: two wanted and four more, which speeds convergence when the second and third eigenvalues are close.</summary>
    internal const int Block = 6;

    /// <param name="rows">The participants kept (row indices into the matrix).</param>
    /// <param name="start">A previous block (statements × <see cref="Block"/>, row-major) to continue from, or null.</param>
    /// <param name="parallel">Whether the products (row by row, so the same result either way) may be spread over cores.</param>
    /// <param name="gram">CᵀC (statements × statements, from <see cref="CoVotes.Gram"/>) when it is cheaper than the sparse passes (<see cref="GramPays"/>); null for the sparse passes.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static PcaResult Compute(VoteMatrix matrix, int[] rows, double[] means, double[]? start, int maxIterations, double tolerance, int seed, double[]? gram, bool parallel = true)
    {
        var m = matrix.Statements;
        var q = new double[m * Block];
        if (start is not null && start.Length == q.Length)
        {
            Array.Copy(start, q, q.Length);
        }
        else
        {
            var random = new Random(seed);
            for (var i = 0; i < q.Length; i++)
            {
                q[i] = random.NextDouble() - 0.5;
            }
        }

        Orthonormalise(q, m);
        var z = gram is null ? new double[rows.Length * Block] : [];
        var applied = new double[q.Length];

        // applied = CᵀC q: through the dense Gram matrix when that is cheaper, else two sparse passes.
        void Apply()
        {
            if (gram is not null)
            {
                MultiplyDense(gram, m, q, applied, parallel);
            }
            else
            {
                Multiply(matrix, rows, means, q, z, parallel: parallel);
                MultiplyTransposed(matrix, rows, means, z, applied);
            }
        }

        var previous = new double[Block];
        var iterations = 0;
        var values = new double[Block];
        while (iterations < maxIterations)
        {
            iterations++;
            Apply();
            Array.Copy(applied, q, q.Length);
            // The norms of the block's columns before orthonormalising estimate the eigenvalues; stop when the two wanted ones settle.
            for (var t = 0; t < Block; t++)
            {
                values[t] = 0;
            }

            for (var j = 0; j < m; j++)
            {
                for (var t = 0; t < Block; t++)
                {
                    values[t] += q[(j * Block) + t] * q[(j * Block) + t];
                }
            }

            Orthonormalise(q, m);
            var settled = iterations > 1
                && Math.Abs(values[0] - previous[0]) <= tolerance * values[0]
                && Math.Abs(values[1] - previous[1]) <= tolerance * values[0];
            Array.Copy(values, previous, Block);
            if (settled)
            {
                break;
            }
        }

        // Rayleigh–Ritz: the eigenvectors of Qᵀ CᵀC Q (Block × Block) rotate Q onto the principal directions, in order.
        Apply();
        var small = new double[Block * Block];
        for (var j = 0; j < m; j++)
        {
            for (var a = 0; a < Block; a++)
            {
                var qa = q[(j * Block) + a];
                for (var b = a; b < Block; b++)
                {
                    small[(a * Block) + b] += qa * applied[(j * Block) + b];
                }
            }
        }

        for (var a = 0; a < Block; a++)
        {
            for (var b = 0; b < a; b++)
            {
                small[(a * Block) + b] = small[(b * Block) + a];
            }
        }

        var (eigenvalues, eigenvectors) = SymmetricEigen.Jacobi(small, Block);
        var rotated = new double[m * Block];
        for (var j = 0; j < m; j++)
        {
            for (var t = 0; t < Block; t++)
            {
                double s = 0;
                for (var a = 0; a < Block; a++)
                {
                    s += q[(j * Block) + a] * eigenvectors[(a * Block) + t];
                }

                rotated[(j * Block) + t] = s;
            }
        }

        // A component's sign is arbitrary; fix it (largest entry positive) so that maps do not flip between updates.
        for (var t = 0; t < 2; t++)
        {
            var largest = 0;
            for (var j = 1; j < m; j++)
            {
                if (Math.Abs(rotated[(j * Block) + t]) > Math.Abs(rotated[(largest * Block) + t]))
                {
                    largest = j;
                }
            }

            if (m > 0 && rotated[(largest * Block) + t] < 0)
            {
                for (var j = 0; j < m; j++)
                {
                    rotated[(j * Block) + t] = -rotated[(j * Block) + t];
                }
            }
        }

        return new PcaResult(rotated, [eigenvalues[0], eigenvalues[1]], iterations);
    }

    /// <summary>
    /// Whether building CᵀC (through <see cref="CoVotes"/>, about Σ votes² / 2 pair updates over participants) costs
    /// less than the sparse passes the iteration would make (about 30 from a random start, 3 from a previous map), and
    /// the co-vote table fits (<see cref="CoVotes.MaxStatements"/>). Pol.is-sized conversations (hundreds of statements)
    /// take this way, and then an update only re-counts the pairs new votes are in; ten thousand statements take the sparse one.
    /// </summary>
    internal static bool GramPays(VoteMatrix matrix, int[] rows, bool warm)
    {
        if (matrix.Statements > CoVotes.MaxStatements)
        {
            return false;
        }

        double pairs = 0, votes = 0;
        foreach (var r in rows)
        {
            double n = matrix.VotesOf(r);
            pairs += n * (n + 1) / 2;
            votes += n;
        }

        return pairs <= (warm ? 3 : 30) * 2.0 * votes * Block;
    }

    private static void MultiplyDense(double[] gram, int m, double[] q, double[] result, bool parallel)
    {
        var chunks = parallel ? Math.Max(1, Math.Min(Environment.ProcessorCount, m / 64)) : 1;
        For(chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var from = m * chunk / chunks;
            var to = m * (chunk + 1) / chunks;
            for (var j = from; j < to; j++)
            {
                // Six accumulators in registers (Block = 6), not a span in memory: the same sums in the same order, faster.
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0;
                var row = j * m;
                for (var l = 0; l < m; l++)
                {
                    var g = gram[row + l];
                    var at = l * Block;
                    a0 += g * q[at];
                    a1 += g * q[at + 1];
                    a2 += g * q[at + 2];
                    a3 += g * q[at + 3];
                    a4 += g * q[at + 4];
                    a5 += g * q[at + 5];
                }

                var to6 = j * Block;
                result[to6] = a0;
                result[to6 + 1] = a1;
                result[to6 + 2] = a2;
                result[to6 + 3] = a3;
                result[to6 + 4] = a4;
                result[to6 + 5] = a5;
            }
        });
    }

    /// <summary>z = C q, one row of z per kept participant; q has <see cref="Block"/> columns, of which the first <paramref name="width"/> are multiplied (the projection needs two).</summary>
    internal static void Multiply(VoteMatrix matrix, int[] rows, double[] means, double[] q, double[] z, int width = Block, bool parallel = true)
    {
        matrix = matrix.Flat();
        var rowStart = matrix.RowStart;
        var rowEnd = matrix.RowEnd;
        var columns = matrix.Columns;
        var values = matrix.Values;
        var chunks = parallel ? Chunks(rows.Length) : 1;
        For(chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var from = (int)((long)rows.Length * chunk / chunks);
            var to = (int)((long)rows.Length * (chunk + 1) / chunks);
            if (width == 2)
            {
                // The projection: two accumulators in registers, the same sums in the same order as below.
                for (var i = from; i < to; i++)
                {
                    double a0 = 0, a1 = 0;
                    var r = rows[i];
                    for (var k = rowStart[r]; k < rowEnd[r]; k++)
                    {
                        var c = columns[k];
                        var x = values[k] - means[c];
                        var at = c * Block;
                        a0 += x * q[at];
                        a1 += x * q[at + 1];
                    }

                    z[i * 2] = a0;
                    z[(i * 2) + 1] = a1;
                }

                return;
            }

            Span<double> acc = stackalloc double[width];
            for (var i = from; i < to; i++)
            {
                acc.Clear();
                var r = rows[i];
                for (var k = rowStart[r]; k < rowEnd[r]; k++)
                {
                    var c = columns[k];
                    var x = values[k] - means[c];
                    var at = c * Block;
                    for (var t = 0; t < width; t++)
                    {
                        acc[t] += x * q[at + t];
                    }
                }

                acc.CopyTo(z.AsSpan(i * width, width));
            }
        });
    }

    /// <summary>q = Cᵀ z: each chunk of rows adds into its own accumulator, summed at the end, so no two threads write the same cell.</summary>
    private static void MultiplyTransposed(VoteMatrix matrix, int[] rows, double[] means, double[] z, double[] q)
    {
        matrix = matrix.Flat();
        var rowStart = matrix.RowStart;
        var rowEnd = matrix.RowEnd;
        var columns = matrix.Columns;
        var values = matrix.Values;
        var chunks = Chunks(rows.Length);
        var partial = new double[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var (from, to) = Range(chunk, rows.Length);
            var acc = new double[q.Length];
            for (var i = from; i < to; i++)
            {
                var r = rows[i];
                var zi = i * Block;
                for (var k = rowStart[r]; k < rowEnd[r]; k++)
                {
                    var c = columns[k];
                    var x = values[k] - means[c];
                    var at = c * Block;
                    for (var t = 0; t < Block; t++)
                    {
                        acc[at + t] += x * z[zi + t];
                    }
                }
            }

            partial[chunk] = acc;
        });
        Array.Copy(partial[0], q, q.Length);
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            var p = partial[chunk];
            for (var i = 0; i < q.Length; i++)
            {
                q[i] += p[i];
            }
        }
    }

    /// <summary>Parallel.For, except that one chunk runs on the calling thread (Parallel.For wakes a pool thread even then).</summary>
    private static void For(int chunks, Action<int> body)
    {
        if (chunks == 1)
        {
            body(0);
        }
        else
        {
            Parallel.For(0, chunks, body);
        }
    }

    private static int Chunks(int rows) => Math.Max(1, Math.Min(Environment.ProcessorCount, rows / 4096));

    private static (int From, int To) Range(int chunk, int rows)
    {
        var chunks = Chunks(rows);
        return ((int)((long)rows * chunk / chunks), (int)((long)rows * (chunk + 1) / chunks));
    }

    /// <summary>Modified Gram–Schmidt on the block's columns (twice, for stability); a column that vanishes is replaced by a unit vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Orthonormalise(double[] q, int m)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var t = 0; t < Block; t++)
            {
                for (var s = 0; s < t; s++)
                {
                    double dot = 0;
                    for (var j = 0; j < m; j++)
                    {
                        dot += q[(j * Block) + t] * q[(j * Block) + s];
                    }

                    for (var j = 0; j < m; j++)
                    {
                        q[(j * Block) + t] -= dot * q[(j * Block) + s];
                    }
                }

                double norm = 0;
                for (var j = 0; j < m; j++)
                {
                    norm += q[(j * Block) + t] * q[(j * Block) + t];
                }

                norm = Math.Sqrt(norm);
                if (norm < 1e-300)
                {
                    if (m > t)
                    {
                        q[(t * Block) + t] = 1;
                    }

                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    q[(j * Block) + t] /= norm;
                }
            }
        }
    }
}

/// <summary>The principal directions (statements × <see cref="SparsePca.Block"/>, row-major; the first two columns are the components) and their variances (unscaled).</summary>
internal sealed record PcaResult(double[] Directions, double[] Variances, int Iterations);

/// <summary>Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, eigenvalues descending.</summary>
internal static class SymmetricEigen
{
    internal static (double[] Values, double[] Vectors) Jacobi(double[] a, int n)
    {
        a = (double[])a.Clone();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var r = p + 1; r < n; r++)
                {
                    off += a[(p * n) + r] * a[(p * n) + r];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var r = p + 1; r < n; r++)
                {
                    var apr = a[(p * n) + r];
                    if (Math.Abs(apr) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[(r * n) + r] - a[(p * n) + p]) / (2 * apr);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[(k * n) + p];
                        var akr = a[(k * n) + r];
                        a[(k * n) + p] = (c * akp) - (s * akr);
                        a[(k * n) + r] = (s * akp) + (c * akr);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[(p * n) + k];
                        var ark = a[(r * n) + k];
                        a[(p * n) + k] = (c * apk) - (s * ark);
                        a[(r * n) + k] = (s * apk) + (c * ark);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[(k * n) + p];
                        var vkr = v[(k * n) + r];
                        v[(k * n) + p] = (c * vkp) - (s * vkr);
                        v[(k * n) + r] = (s * vkp) + (c * vkr);
                    }
                }
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => a[(i * n) + i]).ToArray();
        var values = order.Select(i => a[(i * n) + i]).ToArray();
        var vectors = new double[n * n];
        for (var col = 0; col < n; col++)
        {
            for (var k = 0; k < n; k++)
            {
                vectors[(k * n) + col] = v[(k * n) + order[col]];
            }
        }

        return (values, vectors);
    }
}
