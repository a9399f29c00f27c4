namespace EqualFooting.Consultations;

/// <summary>
/// Union-find over the indices 0 to n − 1, as <see cref="CampaignDetector"/> groups comments: union by size, path
/// halving. Every index starts in a set of its own.
/// </summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public DisjointSets(int n)
    {
        _parent = new int[n];
        _size = new int[n];
        for (var i = 0; i < n; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    /// <summary>The root of the set holding <paramref name="x"/>: the same for every member of a set.</summary>
    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    /// <summary>Merges the sets of <paramref name="a"/> and <paramref name="b"/>; nothing happens when they are already one.</summary>
    public void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _size[ra] += _size[rb];
    }

    /// <summary>The size of the set whose root is <paramref name="root"/> (as <see cref="Find"/> returns it).</summary>
    public int SizeOf(int root) => _size[root];
}
