using EqualFooting.Deliberation;

namespace EqualFooting.Decisions;

/// <summary>One position as a rule counts it: who, under which stakeholder group (declared when it was taken), and the stance.</summary>
public readonly record struct CountedPosition(int Voter, int Group, Stance Stance);

/// <summary>A stakeholder group of the process with its current headcount, which turnouts and quorums are measured against.</summary>
public sealed record GroupRoll(int Id, int Members, bool Retired = false);

/// <summary>The four stances counted in one group (or in all, or among seat holders).</summary>
public sealed record StanceCounts(int Agree, int Disagree, int Abstain, int Block)
{
    public static readonly StanceCounts None = new(0, 0, 0, 0);

    /// <summary>Everyone who took a position, abstentions included: what turnout and quorum count.</summary>
    public int Positions => Agree + Disagree + Abstain + Block;

    /// <summary>Those who took a side: the whole that support is a share of (abstentions stand aside).</summary>
    public int Counted => Agree + Disagree + Block;

    public int Objecting => Disagree + Block;

    /// <summary>Agreement as a share of those who took a side; null when nobody did.</summary>
    public double? Support => Counted == 0 ? null : (double)Agree / Counted;

    public StanceCounts Plus(StanceCounts o) => new(Agree + o.Agree, Disagree + o.Disagree, Abstain + o.Abstain, Block + o.Block);
}

/// <summary>A group's line in the tally: its roll, all its positions, and those of its seat holders.</summary>
public sealed record GroupTally(int Id, int Members, bool Retired, StanceCounts Counts, StanceCounts Seated)
{
    /// <summary>The headcount turnout is measured against: never fewer than those who took a position (people move groups).</summary>
    public int Eligible => Math.Max(Members, Counts.Positions);
}

/// <summary>
/// Positions counted once, by stakeholder group, for every rule to read: one pass over the positions, so the full
/// rule comparison costs one count plus seven small evaluations over the groups.
/// </summary>
public sealed class Tally
{
    private Tally(IReadOnlyList<GroupTally> groups, StanceCounts outside, StanceCounts outsideSeated)
    {
        Groups = groups;
        Outside = outside;
        var all = outside;
        var seated = outsideSeated;
        foreach (var g in groups)
        {
            all = all.Plus(g.Counts);
            seated = seated.Plus(g.Seated);
        }

        All = all;
        AllSeated = seated;
        Eligible = groups.Sum(g => g.Eligible) + outside.Positions;
    }

    /// <summary>Every group of the process, in the order given (retired ones too: their positions still count by head).</summary>
    public IReadOnlyList<GroupTally> Groups { get; }

    /// <summary>Positions under a group the process does not list: counted by head, in no group.</summary>
    public StanceCounts Outside { get; }

    public StanceCounts All { get; }

    public StanceCounts AllSeated { get; }

    /// <summary>Everyone who could have taken a position: the quorum's whole.</summary>
    public int Eligible { get; }

    public GroupTally? Group(int id) => Groups.FirstOrDefault(g => g.Id == id);

    /// <summary>Counts the positions by group and stance in one pass.</summary>
    /// <param name="seatHolders">Seat holders in office when the proposal closes, by voter, with the group whose seat they hold.</param>
    public static Tally Count(IReadOnlyList<GroupRoll> groups, ReadOnlySpan<CountedPosition> ballots, IReadOnlyDictionary<int, int>? seatHolders = null)
    {
        // Group ids are database keys, small in practice: an array maps them to slots without hashing on the hot path.
        var maxId = groups.Count == 0 ? 0 : groups.Max(g => g.Id);
        var useArray = maxId is >= 0 and < 1 << 16;
        var slots = useArray ? new int[maxId + 1] : [];
        var bySlot = useArray ? null : new Dictionary<int, int>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (useArray)
            {
                if (groups[i].Id >= 0)
                {
                    slots[groups[i].Id] = i + 1;
                }
            }
            else
            {
                bySlot![groups[i].Id] = i + 1;
            }
        }

        // Slot 0 holds positions under no listed group; four stances per slot.
        var counts = new int[(groups.Count + 1) * 4];
        var seated = new int[(groups.Count + 1) * 4];
        // Seat holders are few: a voter-indexed table of their seat's slot (+1) replaces a hash lookup per position.
        var seatSlots = Array.Empty<int>();
        if (seatHolders is { Count: > 0 })
        {
            var maxVoter = seatHolders.Keys.Max();
            if (seatHolders.Keys.Min() < 0 || maxVoter >= 1 << 26)
            {
                throw new ArgumentOutOfRangeException(nameof(seatHolders), "Seat holders are participants, numbered from 0.");
            }

            seatSlots = new int[maxVoter + 1];
            foreach (var (voter, group) in seatHolders)
            {
                seatSlots[voter] = SlotOf(group) + 1;
            }
        }

        foreach (var b in ballots)
        {
            var stance = (int)b.Stance;
            if ((uint)stance > 3)
            {
                continue;
            }

            counts[(SlotOf(b.Group) * 4) + stance]++;
            if ((uint)b.Voter < (uint)seatSlots.Length && seatSlots[b.Voter] is var seat and > 0)
            {
                seated[((seat - 1) * 4) + stance]++;
            }
        }

        var lines = new GroupTally[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            lines[i] = new GroupTally(g.Id, g.Members, g.Retired, At(counts, i + 1), At(seated, i + 1));
        }

        return new Tally(lines, At(counts, 0), At(seated, 0));

        int SlotOf(int group) =>
            useArray ? ((uint)group < (uint)slots.Length ? slots[group] : 0)
            : bySlot!.GetValueOrDefault(group);
    }

    private static StanceCounts At(int[] counts, int slot) =>
        new(counts[slot * 4], counts[(slot * 4) + 1], counts[(slot * 4) + 2], counts[(slot * 4) + 3]);
}

/// <summary>A named proxy: a participant hands their position on one proposal to another.</summary>
/// <param name="FromGroup">The giver's stakeholder group: the position is counted there, not in the holder's.</param>
public readonly record struct Proxy(int From, int FromGroup, int To);

public static class Proxies
{
    /// <summary>
    /// The ballots with every proxy applied: a giver who took no position of their own counts with their holder's
    /// stance, under the giver's group. A giver's own position always wins, and proxies are not passed on (a holder who
    /// took no position carries nothing), so no chain or cycle can count a stance twice.
    /// </summary>
    public static CountedPosition[] Apply(IReadOnlyList<CountedPosition> own, IReadOnlyList<Proxy> proxies)
    {
        var ownArray = own as CountedPosition[] ?? [.. own];
        if (proxies.Count == 0)
        {
            return ownArray;
        }

        // Only givers' and holders' own stances matter: one pass over the positions looks up a map the size of the
        // proxies, not of the room.
        var wanted = new Dictionary<int, Stance?>(proxies.Count * 2);
        foreach (var p in proxies)
        {
            wanted.TryAdd(p.From, null);
            wanted.TryAdd(p.To, null);
        }

        foreach (var b in ownArray)
        {
            if (wanted.ContainsKey(b.Voter))
            {
                wanted[b.Voter] = b.Stance;
            }
        }

        var added = new List<CountedPosition>(proxies.Count);
        var given = new HashSet<int>();
        foreach (var p in proxies)
        {
            if (p.From != p.To && wanted[p.From] is null && wanted[p.To] is { } stance && given.Add(p.From))
            {
                added.Add(new CountedPosition(p.From, p.FromGroup, stance));
            }
        }

        var result = new CountedPosition[ownArray.Length + added.Count];
        ownArray.CopyTo(result, 0);
        added.CopyTo(result, ownArray.Length);
        return result;
    }
}
