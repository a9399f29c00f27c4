using System.Text.Json;
using System.Text.Json.Serialization;
using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>
/// The settings of every queue policy in one flat shape, stored as JSON beside the policy kind: a session keeps its
/// rule across restarts, and an API client sends the same shape. Fields a kind does not use are ignored.
/// </summary>
public sealed record QueuePolicySettings(
    bool? AdmitNewSpeakersWhenClosed = null,
    IReadOnlyList<int>? GroupOrder = null,
    int? RemoteSlotsPerRound = null,
    IReadOnlyDictionary<int, int>? BudgetSecondsByGroup = null,
    int? DefaultBudgetSeconds = null,
    IReadOnlyList<int>? GovernmentalGroupIds = null,
    int? TurnSeconds = null,
    int? InterposedQuestionSeconds = null,
    int? FollowUpSeconds = null,
    int? WarningSeconds = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly QueuePolicySettings None = new();

    /// <summary>
    /// Builds the policy. <see cref="TurnSeconds"/> is checked here too, though the session rather than the policy
    /// uses it: it is the time per speaker whenever the agenda item under way sets none (NETmundial's 2-minute turns).
    /// </summary>
    public Result<QueuePolicy> Build(QueuePolicyKind kind) =>
        TurnSeconds is not null and not (>= 1 and <= Session.MaxAllottedSeconds)
            ? Error.Invalid("turnSeconds", $"The time per turn must be between 1 and {Session.MaxAllottedSeconds} seconds, or empty for no limit.")
            : InterposedQuestionSeconds is not null and not (>= 1 and <= Session.MaxAllottedSeconds)
            ? Error.Invalid("interposedQuestionSeconds", $"The time for an interposed question must be between 1 and {Session.MaxAllottedSeconds} seconds.")
            : FollowUpSeconds is not null and not (>= 1 and <= Session.MaxAllottedSeconds)
            ? Error.Invalid("followUpSeconds", $"The time for a follow-up must be between 1 and {Session.MaxAllottedSeconds} seconds.")
            : WarningSeconds is not null and not (>= 1 and <= Session.MaxAllottedSeconds)
            ? Error.Invalid("warningSeconds", $"The warning before the time runs out must be between 1 and {Session.MaxAllottedSeconds} seconds.")
            : BuildPolicy(kind);

    /// <summary>The time interposed questions and follow-ups get: 60 and 30 seconds unless the session sets its own.</summary>
    public ShortTurns ShortTurns => new(
        TimeSpan.FromSeconds(InterposedQuestionSeconds ?? ShortTurns.DefaultInterposedQuestionSeconds),
        TimeSpan.FromSeconds(FollowUpSeconds ?? ShortTurns.DefaultFollowUpSeconds));

    /// <summary>How long before the end of a turn every screen warns: 30 seconds unless the session sets its own.</summary>
    public TimeSpan Warning => WarningSeconds is { } w ? TimeSpan.FromSeconds(w) : InterventionTimer.DefaultWarning;

    /// <summary>The settings that rebuild <paramref name="policy"/>, with the session-wide times of <paramref name="given"/>.</summary>
    public static QueuePolicySettings Of(QueuePolicy policy, QueuePolicySettings given) => Of(policy) with
    {
        TurnSeconds = given.TurnSeconds,
        InterposedQuestionSeconds = given.InterposedQuestionSeconds,
        FollowUpSeconds = given.FollowUpSeconds,
        WarningSeconds = given.WarningSeconds,
    };

    private Result<QueuePolicy> BuildPolicy(QueuePolicyKind kind) => kind switch
    {
        QueuePolicyKind.FirstComeFirstServed => new FirstComeFirstServedPolicy(),
        QueuePolicyKind.FirstTimeSpeakersFirst => new FirstTimeSpeakersFirstPolicy(AdmitNewSpeakersWhenClosed ?? false),
        QueuePolicyKind.RoundRobinByGroup => Lift(RoundRobinByGroupPolicy.Create(GroupOrder ?? [], RemoteSlotsPerRound ?? 0)),
        QueuePolicyKind.SpeakingTimeBudget => Lift(SpeakingTimeBudgetPolicy.FromSeconds(BudgetSecondsByGroup ?? new Dictionary<int, int>(), DefaultBudgetSeconds ?? 0)),
        QueuePolicyKind.WsisRule => Lift(WsisRulePolicy.Create(GovernmentalGroupIds ?? [])),
        _ => Error.Invalid("policy", "Choose a queue policy."),
    };

    /// <summary>The settings that rebuild <paramref name="policy"/>, with only the fields its kind uses.</summary>
    public static QueuePolicySettings Of(QueuePolicy policy) => policy switch
    {
        FirstTimeSpeakersFirstPolicy p => new(AdmitNewSpeakersWhenClosed: p.AdmitNewSpeakersWhenClosed),
        RoundRobinByGroupPolicy p => new(GroupOrder: [.. p.GroupOrder], RemoteSlotsPerRound: p.RemoteSlotsPerRound),
        SpeakingTimeBudgetPolicy p => new(
            BudgetSecondsByGroup: p.Budgets.ToDictionary(kv => kv.Key, kv => (int)kv.Value.TotalSeconds),
            DefaultBudgetSeconds: (int)p.DefaultBudget.TotalSeconds),
        WsisRulePolicy p => new(GovernmentalGroupIds: [.. p.GovernmentalGroupIds.Order()]),
        _ => None,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static QueuePolicySettings FromJson(string json) => JsonSerializer.Deserialize<QueuePolicySettings>(json, Json) ?? None;

    private static Result<QueuePolicy> Lift<T>(Result<T> result)
        where T : QueuePolicy =>
        result.Error is { } e ? e : result.Value;
}
