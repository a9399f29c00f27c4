using EqualFooting.Outcomes;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Outcomes;

/// <summary>The words for outcome kinds and statuses, shared by the outcomes page, its full lists and the advice list.</summary>
public static class OutcomeText
{
    public static string Kind(IStringLocalizer L, SourceKind k) => k switch
    {
        SourceKind.Session => L["Session"],
        SourceKind.Consultation => L["Consultation"],
        SourceKind.Poll => L["Poll"],
        SourceKind.Conversation => L["Conversation"],
        _ => L["Proposal"],
    };

    public static string Status(IStringLocalizer L, CommitmentStatus s) => s switch
    {
        CommitmentStatus.Planned => L["Planned"],
        CommitmentStatus.InProgress => L["In progress"],
        CommitmentStatus.Done => L["Done"],
        _ => L["Dropped"],
    };

    public static string Status(IStringLocalizer L, string status) =>
        Enum.TryParse<CommitmentStatus>(status, out var s) ? Status(L, s) : status;

    public static string Advice(IStringLocalizer L, DateOnly? sentOn, AdviceStatus status) => sentOn is null ? L["Not sent"] : status switch
    {
        AdviceStatus.Pending => L["Pending"],
        AdviceStatus.Accepted => L["Accepted"],
        AdviceStatus.Partly => L["Partly accepted"],
        AdviceStatus.Rejected => L["Rejected"],
        _ => L["No response"],
    };
}

/// <summary>A commitment, message or piece of advice as a partial draws it, with what the reader may do.</summary>
public sealed record OutcomeCard<T>(int ProcessId, T Item, bool CanEdit, int AdviceReminderDays = OutcomeSettings.DefaultAdviceReminderDays);

/// <summary>The model of <c>_StanceTable</c>: one of a decision's tallies and which of its keys it shows.</summary>
public sealed record StanceTable(string Caption, IReadOnlyList<StanceLine> Lines, bool ByGroup, bool ByRegion, int MinimumCellSize);
