using System.Text.Json;
using EqualFooting.Common;

namespace EqualFooting.Outcomes;

public enum ReportStatus
{
    Draft,
    Published,
}

/// <summary>One stakeholder group's perspective in a session report (the IGF template asks for one per perspective).</summary>
public sealed record Perspective(int StakeholderGroupId, string Text);

/// <summary>What a rapporteur writes: the IGF report template's sections.</summary>
public sealed record ReportText(string? Summary, string? MainIssues, IReadOnlyList<Perspective>? Perspectives, string? Agreement, string? Divergence, string? NextSteps);

/// <summary>
/// A session's report in the IGF's shape. The rapporteur drafts and revises it; the moderator publishes it, after
/// which it is part of the session's record and no longer changes. One report per session (a unique index).
/// </summary>
public sealed class SessionReport
{
    public const int SectionMax = 10_000;
    public const int MaxPerspectives = 20;

    private SessionReport()
    {
        Summary = "";
        PerspectivesJson = "[]";
        DraftedByAccountId = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public int SessionId { get; private set; }

    public string Summary { get; private set; }

    public string? MainIssues { get; private set; }

    public string PerspectivesJson { get; private set; }

    public string? Agreement { get; private set; }

    public string? Divergence { get; private set; }

    public string? NextSteps { get; private set; }

    public ReportStatus Status { get; private set; }

    public string DraftedByAccountId { get; private set; }

    public string? PublishedByAccountId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<Perspective> Perspectives => JsonSerializer.Deserialize<List<Perspective>>(PerspectivesJson, Json) ?? [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="groups">The process's stakeholder groups: a perspective is one of them.</param>
    public static Result<SessionReport> Draft(int processId, int sessionId, string accountId, ReportText text, IReadOnlySet<int> groups, DateTimeOffset now)
    {
        var report = new SessionReport { ProcessId = processId, SessionId = sessionId, DraftedByAccountId = accountId, Status = ReportStatus.Draft };
        var applied = report.Apply(text, groups);
        if (applied.Error is { } error)
        {
            return error;
        }

        report.UpdatedAt = now;
        return report;
    }

    /// <summary>Replaces the text; false when nothing changed. A published report is part of the record (409).</summary>
    public Result<bool> Revise(string accountId, ReportText text, IReadOnlySet<int> groups, DateTimeOffset now)
    {
        if (Status == ReportStatus.Published)
        {
            return Error.Conflict("The report is published and is part of the session's record; it no longer changes.");
        }

        var before = (Summary, MainIssues, PerspectivesJson, Agreement, Divergence, NextSteps);
        var applied = Apply(text, groups);
        if (applied.Error is { } error)
        {
            return error;
        }

        if (before == (Summary, MainIssues, PerspectivesJson, Agreement, Divergence, NextSteps))
        {
            return false;
        }

        DraftedByAccountId = accountId;
        UpdatedAt = now;
        Version++;
        return true;
    }

    /// <summary>Publishes the draft; false when it already is (a second click changes nothing).</summary>
    public bool Publish(string accountId, DateTimeOffset now)
    {
        if (Status == ReportStatus.Published)
        {
            return false;
        }

        Status = ReportStatus.Published;
        PublishedByAccountId = accountId;
        PublishedAt = now;
        Version++;
        return true;
    }

    private Result<bool> Apply(ReportText text, IReadOnlySet<int> groups)
    {
        var summary = Common.Text.Required("summary", text.Summary, SectionMax);
        if (summary.Error is { } e1)
        {
            return e1;
        }

        var issues = Common.Text.Optional("mainIssues", text.MainIssues, SectionMax);
        var agreement = Common.Text.Optional("agreement", text.Agreement, SectionMax);
        var divergence = Common.Text.Optional("divergence", text.Divergence, SectionMax);
        var next = Common.Text.Optional("nextSteps", text.NextSteps, SectionMax);
        foreach (var r in new[] { issues, agreement, divergence, next })
        {
            if (r.Error is { } e)
            {
                return e;
            }
        }

        var perspectives = new List<Perspective>();
        var given = text.Perspectives ?? [];
        if (given.Count > MaxPerspectives)
        {
            return Error.Invalid("perspectives", $"At most {MaxPerspectives} perspectives.");
        }

        for (var i = 0; i < given.Count; i++)
        {
            var p = given[i];
            if (p is null || !groups.Contains(p.StakeholderGroupId))
            {
                return Error.Invalid($"perspectives[{i}].stakeholderGroupId", "A perspective is one of the process's stakeholder groups.");
            }

            if (perspectives.Any(x => x.StakeholderGroupId == p.StakeholderGroupId))
            {
                return Error.Invalid($"perspectives[{i}].stakeholderGroupId", "One section per stakeholder perspective.");
            }

            var body = Common.Text.Optional($"perspectives[{i}].text", p.Text, SectionMax);
            if (body.Error is { } e)
            {
                return e;
            }

            // A blank perspective is left out: the form shows a box for every group.
            if (body.Value is { } written)
            {
                perspectives.Add(new Perspective(p.StakeholderGroupId, written));
            }
        }

        Summary = summary.Value;
        MainIssues = issues.Value;
        Agreement = agreement.Value;
        Divergence = divergence.Value;
        NextSteps = next.Value;
        PerspectivesJson = JsonSerializer.Serialize(perspectives, Json);
        return true;
    }
}

/// <summary>A process's outcome settings, kept by the outcomes feature beside the process.</summary>
public sealed class OutcomeSettings(int processId, bool reportsRequired)
{
    /// <summary>How long sent advice waits for a response before the register flags it and the convener is reminded.</summary>
    public const int DefaultAdviceReminderDays = 90;

    public const int MaxAdviceReminderDays = 3_650;

    public int ProcessId { get; private set; } = processId;

    /// <summary>Every session that has ended must have a published report; the missing ones are listed.</summary>
    public bool ReportsRequired { get; set; } = reportsRequired;

    /// <summary>Days after sending with no response before advice is flagged and its reminder goes out.</summary>
    public int AdviceReminderDays { get; private set; } = DefaultAdviceReminderDays;

    public Error? ChangeAdviceReminderDays(int? days)
    {
        if (days is not { } d || d < 1 || d > MaxAdviceReminderDays)
        {
            return Error.Invalid("adviceReminderDays", $"Between 1 and {MaxAdviceReminderDays} days.");
        }

        AdviceReminderDays = d;
        return null;
    }
}

/// <summary>A session as the missing-reports list sees it.</summary>
public sealed record ReportableSession(int SessionId, string Title, DateTimeOffset EndsAt, bool Ended);

public static class MissingReports
{
    /// <summary>
    /// The sessions that are over (ended by the moderator, or past their end time at <paramref name="now"/>) and have
    /// no published report, earliest first. A draft does not count: the report is missing until the moderator publishes it.
    /// </summary>
    public static IReadOnlyList<ReportableSession> Of(IEnumerable<ReportableSession> sessions, IReadOnlySet<int> published, DateTimeOffset now) =>
        [.. sessions.Where(s => (s.Ended || s.EndsAt <= now) && !published.Contains(s.SessionId)).OrderBy(s => s.EndsAt).ThenBy(s => s.SessionId)];
}
