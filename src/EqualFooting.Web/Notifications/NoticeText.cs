using EqualFooting.Consultations;
using EqualFooting.Notifications;
using EqualFooting.Participation;
using EqualFooting.Web.Consultations;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Notifications;

/// <summary>
/// Puts a notice into words, in the reader's language, with the address of what it is about: one place for the inbox
/// page, the API and the e-mails. A notice stores ids and public facts; the phrase is chosen when it is read.
/// </summary>
public static class NoticeText
{
    public static (string Text, string Link) Describe(NoticeDto n, IStringLocalizer L)
    {
        var reason = n.Reason ?? "";
        var comment = $"/consultations/{n.ConsultationId}#c-{n.CommentId}";
        return n.Kind switch
        {
            NoticeKind.ContentHidden => (L["The moderators hid your comment: {0}", reason], comment),
            NoticeKind.ContentRestored => (L["The moderators restored your comment: {0}", reason], comment),
            NoticeKind.MilestoneOverdue => (L["A milestone is overdue and not reached: {0}", reason], $"/processes/{n.ProcessId}/outcomes/commitments#commitment-{n.ItemId}"),
            NoticeKind.MessageRevisitYear1 => (L["A year since the message “{0}”: revisit what happened.", reason], $"/processes/{n.ProcessId}/outcomes/messages#message-{n.ItemId}"),
            NoticeKind.MessageRevisitYear2 => (L["Two years since the message “{0}”: revisit what happened.", reason], $"/processes/{n.ProcessId}/outcomes/messages#message-{n.ItemId}"),
            NoticeKind.DecisionRevisitYear1 => (L["A year since the decision “{0}”: revisit what happened.", reason], $"/processes/{n.ProcessId}/proposals/{n.ItemId}"),
            NoticeKind.DecisionRevisitYear2 => (L["Two years since the decision “{0}”: revisit what happened.", reason], $"/processes/{n.ProcessId}/proposals/{n.ItemId}"),
            NoticeKind.AdviceUnanswered => (L["No response yet to the advice “{0}”.", reason], $"/processes/{n.ProcessId}/outcomes/advice#advice-{n.ItemId}"),
            NoticeKind.CommentDisposed => (L["The committee's answer to your comment: {0}. Reason: {1}", Disposition(n.Detail, L), reason], comment),
            NoticeKind.CampaignDisposed => (L["The committee answered the campaign your comment belongs to: {0}. Reason: {1}", Disposition(n.Detail, L), reason], comment),
            NoticeKind.CommentReplied => (L["Someone replied to your comment."], comment),
            NoticeKind.ConsultationVersionPublished => (
                L["Version {0} of “{1}”, a consultation you follow, is published.", n.Detail ?? "", reason],
                int.TryParse(n.Detail, out var number) && number > 1 ? $"/consultations/{n.ConsultationId}/compare?from={number - 1}&to={number}" : $"/consultations/{n.ConsultationId}"),
            NoticeKind.ConsultationClosingSoon => (L["“{0}”, a consultation you follow, closes within two days.", reason], $"/consultations/{n.ConsultationId}"),
            NoticeKind.BreakoutReportDue => (L["The report of your breakout group “{0}” is due.", reason], $"/breakouts/{n.ItemId}"),
            NoticeKind.RoleGiven => (L["You were given the role {0} in “{1}”.", Role(n.Detail, L), reason], $"/processes/{n.ProcessId}"),
            _ => (n.Kind.ToString(), "/account/inbox"),
        };
    }

    private static string Disposition(string? detail, IStringLocalizer L) =>
        Enum.TryParse<Disposition>(detail, out var d) ? L[DispositionText.Of(d)] : detail ?? "";

    private static string Role(string? detail, IStringLocalizer L) =>
        Enum.TryParse<ProcessRole>(detail, out var role) ? L[role.ToString()] : detail ?? "";
}
