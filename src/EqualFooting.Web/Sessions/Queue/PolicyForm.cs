using EqualFooting.Common;
using EqualFooting.Processes;
using EqualFooting.Sessions;

namespace EqualFooting.Web.Sessions;

/// <summary>
/// The queue policy as a form: every policy's settings are on the page at once (so it works without JavaScript) and
/// only the chosen policy's are used. Budgets are entered in minutes, the unit moderators plan in; the rotation as
/// each group's place in it.
/// </summary>
public sealed class PolicyForm
{
    public const int MaxBudgetMinutes = 24 * 60;

    public QueuePolicyKind Kind { get; set; } = QueuePolicyKind.FirstComeFirstServed;

    public bool AdmitNewSpeakersWhenClosed { get; set; }

    /// <summary>Each stakeholder group's place in the round-robin rotation; groups without one come after, by id.</summary>
    public Dictionary<int, int?> Place { get; set; } = [];

    public int? RemoteSlotsPerRound { get; set; }

    public int? TurnSeconds { get; set; }

    /// <summary>The time of an interposed question; empty for the default, 60 seconds.</summary>
    public int? InterposedQuestionSeconds { get; set; }

    /// <summary>The time of a follow-up; empty for the default, 30 seconds.</summary>
    public int? FollowUpSeconds { get; set; }

    /// <summary>How long before the end every screen warns; empty for the default, 30 seconds.</summary>
    public int? WarningSeconds { get; set; }

    public Dictionary<int, int?> BudgetMinutes { get; set; } = [];

    public int? DefaultBudgetMinutes { get; set; }

    public List<int> Governmental { get; set; } = [];

    public static PolicyForm From(QueuePolicyKind kind, QueuePolicySettings s)
    {
        var order = s.GroupOrder ?? [];
        return new PolicyForm
        {
            Kind = kind,
            AdmitNewSpeakersWhenClosed = s.AdmitNewSpeakersWhenClosed ?? false,
            Place = order.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => (int?)(x.i + 1)),
            RemoteSlotsPerRound = s.RemoteSlotsPerRound,
            TurnSeconds = s.TurnSeconds,
            InterposedQuestionSeconds = s.InterposedQuestionSeconds,
            FollowUpSeconds = s.FollowUpSeconds,
            WarningSeconds = s.WarningSeconds,
            BudgetMinutes = (s.BudgetSecondsByGroup ?? new Dictionary<int, int>()).ToDictionary(kv => kv.Key, kv => (int?)(kv.Value / 60)),
            DefaultBudgetMinutes = s.DefaultBudgetSeconds is { } d ? d / 60 : null,
            Governmental = [.. s.GovernmentalGroupIds ?? []],
        };
    }

    /// <summary>
    /// The settings for the chosen policy. Checks what only the form can get wrong (two groups in one place, minutes
    /// out of range) with the same field names as the API's errors; the rest is the domain's to check.
    /// </summary>
    public Result<QueuePolicySettings> ToSettings(Process process)
    {
        var settings = KindSettings(process);
        return settings.Error is { } error ? error : settings.Value with
        {
            InterposedQuestionSeconds = InterposedQuestionSeconds,
            FollowUpSeconds = FollowUpSeconds,
            WarningSeconds = WarningSeconds,
        };
    }

    private Result<QueuePolicySettings> KindSettings(Process process)
    {
        var groups = process.StakeholderGroups.Select(g => g.Id).ToHashSet();
        switch (Kind)
        {
            case QueuePolicyKind.FirstTimeSpeakersFirst:
                return new QueuePolicySettings(AdmitNewSpeakersWhenClosed: AdmitNewSpeakersWhenClosed, TurnSeconds: TurnSeconds);
            case QueuePolicyKind.RoundRobinByGroup:
                var placed = Place.Where(kv => kv.Value is not null && groups.Contains(kv.Key)).ToList();
                if (placed.Select(kv => kv.Value).Distinct().Count() != placed.Count)
                {
                    return Error.Invalid("groupOrder", "Give each stakeholder group a different place in the rotation.");
                }

                return new QueuePolicySettings(
                    GroupOrder: [.. placed.OrderBy(kv => kv.Value).Select(kv => kv.Key)],
                    RemoteSlotsPerRound: RemoteSlotsPerRound ?? 0,
                    TurnSeconds: TurnSeconds);
            case QueuePolicyKind.SpeakingTimeBudget:
                var budgets = BudgetMinutes.Where(kv => kv.Value is not null && groups.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);
                if (budgets.Values.Append(DefaultBudgetMinutes ?? 0).Any(m => m is < 0 or > MaxBudgetMinutes))
                {
                    return Error.Invalid("budgets", $"A speaking-time budget must be between 0 and {MaxBudgetMinutes} minutes.");
                }

                return new QueuePolicySettings(
                    BudgetSecondsByGroup: budgets.ToDictionary(kv => kv.Key, kv => kv.Value * 60),
                    DefaultBudgetSeconds: (DefaultBudgetMinutes ?? 0) * 60,
                    TurnSeconds: TurnSeconds);
            case QueuePolicyKind.WsisRule:
                return new QueuePolicySettings(GovernmentalGroupIds: [.. Governmental.Distinct().Order()], TurnSeconds: TurnSeconds);
            default:
                return new QueuePolicySettings(TurnSeconds: TurnSeconds);
        }
    }
}

/// <summary>What the policy fields partial needs: the form, the process's groups, and a prefix keeping ids unique on the page.</summary>
public sealed record PolicyFieldsModel(PolicyForm Form, IReadOnlyList<StakeholderGroup> Groups, string Prefix);
