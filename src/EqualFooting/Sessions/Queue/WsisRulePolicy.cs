using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>
/// The early WSIS practice: during an agenda item governments speak first, and non-governmental speakers get their
/// slot at the end of it. So every governmental hand goes before every other one, each part in raise order; once the
/// governments are done, the rest of the queue is the non-governmental slot. Which groups count as governmental is a
/// setting because each process has its own list (intergovernmental organisations sat with governments in some
/// meetings and with observers in others).
/// </summary>
public sealed class WsisRulePolicy : QueuePolicy
{
    private WsisRulePolicy(IReadOnlySet<int> governmentalGroupIds)
    {
        GovernmentalGroupIds = governmentalGroupIds;
    }

    public IReadOnlySet<int> GovernmentalGroupIds { get; }

    public override QueuePolicyKind Kind => QueuePolicyKind.WsisRule;

    public static Result<WsisRulePolicy> Create(IEnumerable<int> governmentalGroupIds)
    {
        var ids = governmentalGroupIds.ToHashSet();
        if (ids.Count == 0)
        {
            return Error.Invalid("governmentalGroupIds", "Choose at least one stakeholder group that counts as governmental.");
        }

        return new WsisRulePolicy(ids);
    }

    protected override IEnumerable<QueueEntry> OrderHands(IReadOnlyList<QueueEntry> hands, QueueContext context) =>
        hands.Where(IsGovernmental).Concat(hands.Where(e => !IsGovernmental(e)));

    public bool IsGovernmental(QueueEntry entry) => GovernmentalGroupIds.Contains(entry.StakeholderGroupId);
}
