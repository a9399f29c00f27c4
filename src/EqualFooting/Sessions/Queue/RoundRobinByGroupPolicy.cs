using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>
/// The NETmundial 2014 rule: one microphone per stakeholder group, taken in turn, plus a number of remote slots in
/// every round. A round gives each group's microphone one speaker (the earliest hand of that group in the room) in
/// the configured group order, then up to <see cref="RemoteSlotsPerRound"/> remote speakers (earliest remote hands,
/// whatever their group). With no remote slots, remote speakers queue at their own group's microphone instead, so a
/// remote hand is never left out.
/// </summary>
/// <remarks>
/// Where the current round stands is worked out from the interventions so far, not stored: walking through them, a
/// turn opens a new round when its slot in the current round is already taken. So a moderator's override or a
/// change of policy mid-session never leaves the rotation in a state the history does not explain. Groups missing
/// from the configured order still get a microphone, after the configured ones in id order, because a policy must
/// never drop a hand.
/// </remarks>
public sealed class RoundRobinByGroupPolicy : QueuePolicy
{
    public const int MaxRemoteSlots = 20;

    private RoundRobinByGroupPolicy(IReadOnlyList<int> groupOrder, int remoteSlotsPerRound)
    {
        GroupOrder = groupOrder;
        RemoteSlotsPerRound = remoteSlotsPerRound;
    }

    public IReadOnlyList<int> GroupOrder { get; }

    public int RemoteSlotsPerRound { get; }

    public override QueuePolicyKind Kind => QueuePolicyKind.RoundRobinByGroup;

    public static Result<RoundRobinByGroupPolicy> Create(IEnumerable<int> groupOrder, int remoteSlotsPerRound = 0)
    {
        var order = groupOrder.ToList();
        if (order.Distinct().Count() != order.Count)
        {
            return Error.Invalid("groupOrder", "Each stakeholder group can appear only once in the rotation.");
        }

        if (remoteSlotsPerRound is < 0 or > MaxRemoteSlots)
        {
            return Error.Invalid("remoteSlotsPerRound", $"Remote slots per round must be between 0 and {MaxRemoteSlots}.");
        }

        return new RoundRobinByGroupPolicy(order, remoteSlotsPerRound);
    }

    protected override IEnumerable<QueueEntry> OrderHands(IReadOnlyList<QueueEntry> hands, QueueContext context)
    {
        var groups = Rotation(hands.Select(e => e.StakeholderGroupId));
        var pending = groups.ToDictionary(g => g, _ => new Queue<QueueEntry>());
        var remote = new Queue<QueueEntry>();
        foreach (var entry in hands)
        {
            (UsesRemoteSlot(entry.Remote) ? remote : pending[entry.StakeholderGroupId]).Enqueue(entry);
        }

        var round = CurrentRound(context.Interventions);
        var left = hands.Count;
        while (left > 0)
        {
            foreach (var group in groups)
            {
                if (!round.Groups.Contains(group) && pending[group].TryDequeue(out var entry))
                {
                    left--;
                    yield return entry;
                }
            }

            for (var slot = round.RemoteUsed; slot < RemoteSlotsPerRound && remote.TryDequeue(out var entry); slot++)
            {
                left--;
                yield return entry;
            }

            round = new Round();
        }
    }

    private bool UsesRemoteSlot(bool remote) => remote && RemoteSlotsPerRound > 0;

    private List<int> Rotation(IEnumerable<int> groupsWaiting) =>
        GroupOrder.Concat(groupsWaiting.Where(g => !GroupOrder.Contains(g)).Distinct().Order()).ToList();

    private Round CurrentRound(IReadOnlyList<Intervention> interventions)
    {
        var round = new Round();

        // Points of order are outside the rotation: they take nobody's microphone.
        foreach (var turn in interventions.Where(i => i.Kind == HandKind.Normal).OrderBy(i => i.StartedAt).ThenBy(i => i.Id))
        {
            if (UsesRemoteSlot(turn.Remote))
            {
                if (round.RemoteUsed == RemoteSlotsPerRound)
                {
                    round = new Round();
                }

                round.RemoteUsed++;
            }
            else
            {
                if (round.Groups.Contains(turn.StakeholderGroupId))
                {
                    round = new Round();
                }

                round.Groups.Add(turn.StakeholderGroupId);
            }
        }

        return round;
    }

    private sealed class Round
    {
        public HashSet<int> Groups { get; } = [];

        public int RemoteUsed { get; set; }
    }
}
