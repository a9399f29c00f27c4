using EqualFooting.Record;

namespace EqualFooting.Web.Outcomes;

/// <summary>
/// The record entries of outcomes and follow-up. Payloads carry ids, kinds, dates and statuses only: report texts,
/// recipients, owners and names stay in their tables and are read from there.
/// </summary>
public static class OutcomeRecord
{
    public static readonly RecordAction<ReportEntry> ReportDrafted = new("report.drafted", "drafted a session report");
    public static readonly RecordAction<ReportEntry> ReportRevised = new("report.revised", "revised a session report");
    public static readonly RecordAction<ReportEntry> ReportPublished = new("report.published", "published a session report");
    public static readonly RecordAction<SettingsEntry> SettingsChanged = new("outcomes.settings-changed", "changed the outcome settings");
    public static readonly RecordAction<MessageEntry> MessagePublished = new("message.published", "published a message");
    public static readonly RecordAction<CommitmentEntry> CommitmentCreated = new("commitment.created", "recorded a commitment");
    public static readonly RecordAction<CommitmentEntry> CommitmentUpdated = new("commitment.updated", "updated a commitment");
    public static readonly RecordAction<MilestoneEntry> MilestoneReached = new("commitment.milestone-reached", "marked a milestone reached");
    public static readonly RecordAction<AdviceEntry> AdviceCreated = new("advice.created", "recorded advice");
    public static readonly RecordAction<AdviceEntry> AdviceSent = new("advice.sent", "recorded that advice was sent");
    public static readonly RecordAction<AdviceEntry> AdviceAnswered = new("advice.response-recorded", "recorded a response to advice");
    public static readonly RecordAction<IndicatorEntry> IndicatorCreated = new("indicator.created", "created an indicator");
    public static readonly RecordAction<IndicatorEntry> IndicatorValues = new("indicator.values-recorded", "recorded indicator values");
    public static readonly RecordAction<IndicatorEntry> IndicatorEventMarked = new("indicator.event-marked", "marked an event on an indicator");

    public static IEnumerable<RecordAction> All =>
        [ReportDrafted, ReportRevised, ReportPublished, SettingsChanged, MessagePublished, CommitmentCreated, CommitmentUpdated, MilestoneReached, AdviceCreated, AdviceSent, AdviceAnswered, IndicatorCreated, IndicatorValues, IndicatorEventMarked];
}

public sealed record ReportEntry(int Session, int Report);

public sealed record SettingsEntry(bool ReportsRequired, int AdviceReminderDays);

public sealed record MessageEntry(int Message, int Sources);

public sealed record CommitmentEntry(int Commitment, string Status, int Milestones);

public sealed record MilestoneEntry(int Commitment, int Milestone, string On);

public sealed record AdviceEntry(int Advice, string Status, string? On);

public sealed record IndicatorEntry(int Indicator, int Values, int? Event);
