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
    int? TurnSeconds = null)
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
            : BuildPolicy(kind);

    private Result<QueuePolicy> BuildPolicy(QueuePolicyKind kind) => kind switch
    {
        QueuePolicyKind.FirstComeFirstServed => new FirstComeFirstServedPolicy(),
        QueuePolicyKind.FirstTimeSpeakersFirst => new FirstTimeSpeakersFirstPolicy(AdmitNewSpeakersWhenClosed ?? false),
        QueuePolicyKind.RoundRobinByGroup => Lift(RoundRobinByGroupPolicy.Create(GroupOrder ?? [], RemoteSlotsPerRound ?? 0)),
        QueuePolicyKind.SpeakingTimeBudget => Lift(SpeakingTimeBudgetPolicy.FromSeconds(BudgetSecondsByGroup ?? new Dictionary<int, int>(), DefaultBudgetSeconds ?? 0)),
        QueuePolicyKind.WsisRule => Lift(WsisRulePolicy.Create(GovernmentalGroupIds ?? [])),
        _ => Error.Invalid("policy", "Choose a queue policy."),
    };

    /// <summary>The settings that rebuild <paramref name="policy"/>, with only the fields its kind uses (and the turn length).</summary>
    public static QueuePolicySettings Of(QueuePolicy policy, int? turnSeconds) => Of(policy) with { TurnSeconds = turnSeconds };

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
