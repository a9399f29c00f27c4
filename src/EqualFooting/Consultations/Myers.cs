namespace EqualFooting.Consultations;

internal enum EditOp : byte
{
    Equal,
    Insert,
    Delete,
}

/// <summary>One step of an edit script: for <see cref="EditOp.Insert"/> only <paramref name="NewIndex"/> means anything, for <see cref="EditOp.Delete"/> only <paramref name="OldIndex"/>.</summary>
internal readonly record struct Edit(EditOp Op, int OldIndex, int NewIndex);

/// <summary>
/// Myers' O(ND) difference algorithm over sequences of interned tokens. Both entry points take a bound on the
/// number of edits, because beyond it a word-level diff is unreadable anyway and the cost grows with its square.
/// </summary>
internal static class Myers
{
    /// <summary>The number of inserted plus deleted tokens of a shortest edit script, or -1 when it exceeds <paramref name="maxEdits"/>.</summary>
    public static int Distance(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int maxEdits)
    {
        Trim(ref a, ref b, out _);
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0)
        {
            return n + m <= maxEdits ? n + m : -1;
        }

        maxEdits = Math.Min(maxEdits, n + m);
        var offset = maxEdits + 1;
        var v = new int[2 * maxEdits + 3];
        for (var d = 0; d <= maxEdits; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return d;
                }
            }
        }

        return -1;
    }

    /// <summary>A shortest edit script turning <paramref name="a"/> into <paramref name="b"/>, deletions before insertions where both are possible; null when it would exceed <paramref name="maxEdits"/>.</summary>
    public static List<Edit>? Script(int[] a, int[] b, int maxEdits)
    {
        ReadOnlySpan<int> sa = a, sb = b;
        Trim(ref sa, ref sb, out var prefix);
        var suffix = a.Length - prefix - sa.Length;
        var edits = new List<Edit>(Math.Max(a.Length, b.Length));
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new Edit(EditOp.Equal, i, i));
        }

        var middle = Middle(sa, sb, prefix, maxEdits);
        if (middle is null)
        {
            return null;
        }

        edits.AddRange(middle);
        for (var i = 0; i < suffix; i++)
        {
            edits.Add(new Edit(EditOp.Equal, prefix + sa.Length + i, prefix + sb.Length + i));
        }

        return edits;
    }

    private static List<Edit>? Middle(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int shift, int maxEdits)
    {
        int n = a.Length, m = b.Length;
        var result = new List<Edit>(n + m);
        if (n == 0 || m == 0)
        {
            if (n + m > maxEdits)
            {
                return null;
            }

            for (var i = 0; i < n; i++)
            {
                result.Add(new Edit(EditOp.Delete, shift + i, -1));
            }

            for (var j = 0; j < m; j++)
            {
                result.Add(new Edit(EditOp.Insert, -1, shift + j));
            }

            return result;
        }

        maxEdits = Math.Min(maxEdits, n + m);
        var offset = maxEdits + 1;
        var v = new int[2 * maxEdits + 3];

        // The frontier before each round d, kept for k in [-d, d] only, so the trace costs O(D²) rather than O(D·(N+M)).
        var trace = new List<int[]>();
        for (var d = 0; d <= maxEdits; d++)
        {
            var snapshot = new int[2 * d + 1];
            Array.Copy(v, offset - d, snapshot, 0, snapshot.Length);
            trace.Add(snapshot);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    Backtrack(trace, d, n, m, shift, result);
                    return result;
                }
            }
        }

        return null;
    }

    private static void Backtrack(List<int[]> trace, int edits, int n, int m, int shift, List<Edit> result)
    {
        int x = n, y = m;
        var reversed = new List<Edit>(n + m);
        for (var d = edits; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var down = k == -d || (k != d && v[k - 1 + d] < v[k + 1 + d]);
            var prevK = down ? k + 1 : k - 1;
            var prevX = v[prevK + d];
            var prevY = prevX - prevK;
            while (x > prevX && y > prevY)
            {
                reversed.Add(new Edit(EditOp.Equal, shift + x - 1, shift + y - 1));
                x--;
                y--;
            }

            reversed.Add(x == prevX
                ? new Edit(EditOp.Insert, -1, shift + y - 1)
                : new Edit(EditOp.Delete, shift + x - 1, -1));
            x = prevX;
            y = prevY;
        }

        while (x > 0 && y > 0)
        {
            reversed.Add(new Edit(EditOp.Equal, shift + x - 1, shift + y - 1));
            x--;
            y--;
        }

        for (var i = reversed.Count - 1; i >= 0; i--)
        {
            result.Add(reversed[i]);
        }
    }

    private static void Trim(ref ReadOnlySpan<int> a, ref ReadOnlySpan<int> b, out int prefix)
    {
        prefix = a.CommonPrefixLength(b);
        a = a[prefix..];
        b = b[prefix..];
        var suffix = 0;
        var max = Math.Min(a.Length, b.Length);
        while (suffix < max && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        a = a[..^suffix];
        b = b[..^suffix];
    }
}
