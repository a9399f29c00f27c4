using EqualFooting.Outcomes;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Outcomes;

/// <summary>The words for outcome kinds and statuses, shared by the outcomes page, its full lists and the advice list.</summary>
public static class OutcomeText
{
    public static string Kind(IStringLocalizer l, SourceKind k) => k switch
    {
        SourceKind.Session => l["Session"],
        SourceKind.Consultation => l["Consultation"],
        SourceKind.Poll => l["Poll"],
        SourceKind.Conversation => l["Conversation"],
        _ => l["Proposal"],
    };

    public static string Status(IStringLocalizer l, CommitmentStatus s) => s switch
    {
        CommitmentStatus.Planned => l["Planned"],
        CommitmentStatus.InProgress => l["In progress"],
        CommitmentStatus.Done => l["Done"],
        _ => l["Dropped"],
    };

    public static string Status(IStringLocalizer l, string status) =>
        Enum.TryParse<CommitmentStatus>(status, out var s) ? Status(l, s) : status;

    public static string Advice(IStringLocalizer l, DateOnly? sentOn, AdviceStatus status) => sentOn is null ? l["Not sent"] : status switch
    {
        AdviceStatus.Pending => l["Pending"],
        AdviceStatus.Accepted => l["Accepted"],
        AdviceStatus.Partly => l["Partly accepted"],
        AdviceStatus.Rejected => l["Rejected"],
        _ => l["No response"],
    };
}

/// <summary>A commitment, message or piece of advice as a partial draws it, with what the reader may do.</summary>
public sealed record OutcomeCard<T>(int ProcessId, T Item, bool CanEdit, int AdviceReminderDays = OutcomeSettings.DefaultAdviceReminderDays);
