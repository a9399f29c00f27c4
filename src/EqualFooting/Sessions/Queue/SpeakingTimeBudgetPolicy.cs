using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>How much of its speaking-time budget a stakeholder group has used.</summary>
/// <param name="Left">Never below zero; time spoken beyond the budget shows as <paramref name="Overrun"/>.</param>
public sealed record GroupTimeLeft(int StakeholderGroupId, TimeSpan Budget, TimeSpan Used, TimeSpan Left, TimeSpan Overrun)
{
    public bool IsExhausted => Left <= TimeSpan.Zero;
}

/// <summary>
/// Each stakeholder group has a budget of speaking time for the session. Hands are ordered by the time their group
/// has left, most first (raise order between equals); hands of a group with no time left go last, in raise order,
/// so they are heard if time allows but never ahead of a group that still has some. All of a group's turns count,
/// points of order included, and the turn in progress counts up to now.
/// </summary>
/// <remarks>
/// The order is recomputed after every turn, so ordering a group's several hands together is harmless: once one of
/// them has spoken, the group's remaining time drops and the others move back as they should.
/// </remarks>
public sealed class SpeakingTimeBudgetPolicy : QueuePolicy
{
    public static readonly TimeSpan MaxBudget = TimeSpan.FromHours(24);

    private SpeakingTimeBudgetPolicy(IReadOnlyDictionary<int, TimeSpan> budgets, TimeSpan defaultBudget)
    {
        Budgets = budgets;
        DefaultBudget = defaultBudget;
    }

    public IReadOnlyDictionary<int, TimeSpan> Budgets { get; }

    /// <summary>The budget of a group not listed in <see cref="Budgets"/>. Zero by default: unlisted groups go last.</summary>
    public TimeSpan DefaultBudget { get; }

    public override QueuePolicyKind Kind => QueuePolicyKind.SpeakingTimeBudget;

    public static Result<SpeakingTimeBudgetPolicy> Create(IReadOnlyDictionary<int, TimeSpan> budgets, TimeSpan? defaultBudget = null)
    {
        foreach (var budget in budgets.Values.Append(defaultBudget ?? TimeSpan.Zero))
        {
            if (budget < TimeSpan.Zero || budget > MaxBudget)
            {
                return Error.Invalid("budgets", $"A speaking-time budget must be between zero and {MaxBudget.TotalHours:0} hours.");
            }
        }

        return new SpeakingTimeBudgetPolicy(new Dictionary<int, TimeSpan>(budgets), defaultBudget ?? TimeSpan.Zero);
    }

    /// <summary>Whole seconds, the unit moderators set budgets in.</summary>
    public static Result<SpeakingTimeBudgetPolicy> FromSeconds(IReadOnlyDictionary<int, int> secondsPerGroup, int defaultSeconds = 0) =>
        Create(secondsPerGroup.ToDictionary(kv => kv.Key, kv => TimeSpan.FromSeconds(kv.Value)), TimeSpan.FromSeconds(defaultSeconds));

    public TimeSpan BudgetOf(int stakeholderGroupId) => Budgets.GetValueOrDefault(stakeholderGroupId, DefaultBudget);

    /// <summary>
    /// Time left for every group with a budget or with a turn so far, in the order a moderator reads them: most time
    /// left first, then by group id.
    /// </summary>
    public IReadOnlyList<GroupTimeLeft> TimeLeft(IReadOnlyList<Intervention> interventions, DateTimeOffset now)
    {
        var used = Used(interventions, now);
        return Budgets.Keys.Union(used.Keys)
            .Select(g => Standing(g, used))
            .OrderByDescending(t => t.Left)
            .ThenBy(t => t.StakeholderGroupId)
            .ToList();
    }

    protected override IEnumerable<QueueEntry> OrderHands(IReadOnlyList<QueueEntry> hands, QueueContext context)
    {
        var used = Used(context.Interventions, context.Now);
        var standing = hands.Select(e => e.StakeholderGroupId).Distinct().ToDictionary(g => g, g => Standing(g, used));

        // OrderBy is stable, so hands with equal time left keep their raise order.
        var withTime = hands.Where(e => !standing[e.StakeholderGroupId].IsExhausted)
            .OrderByDescending(e => standing[e.StakeholderGroupId].Left);
        var exhausted = hands.Where(e => standing[e.StakeholderGroupId].IsExhausted);
        return withTime.Concat(exhausted);
    }

    private GroupTimeLeft Standing(int group, Dictionary<int, TimeSpan> used)
    {
        var budget = BudgetOf(group);
        var spent = used.GetValueOrDefault(group);
        return spent <= budget
            ? new GroupTimeLeft(group, budget, spent, budget - spent, TimeSpan.Zero)
            : new GroupTimeLeft(group, budget, spent, TimeSpan.Zero, spent - budget);
    }

    private static Dictionary<int, TimeSpan> Used(IReadOnlyList<Intervention> interventions, DateTimeOffset now)
    {
        var used = new Dictionary<int, TimeSpan>();
        foreach (var turn in interventions)
        {
            used[turn.StakeholderGroupId] = used.GetValueOrDefault(turn.StakeholderGroupId) + turn.Duration(now);
        }

        return used;
    }
}
