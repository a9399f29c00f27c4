using EqualFooting.Common;
using EqualFooting.Outcomes;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Outcomes;

/// <summary>A session's report with its process and the actor's standing; the report is null before the first draft.</summary>
public sealed record ReportContext(Process Process, Actor Actor, int SessionId, SessionReport? Report);

public sealed record CommitmentContext(Process Process, Actor Actor, Commitment Commitment);

public sealed record AdviceContext(Process Process, Actor Actor, Advice Advice);

public sealed record IndicatorContext(Process Process, Actor Actor, Indicator Indicator);

/// <param name="OwnerAccountId">Optionally, a participant of the process who answers for the commitment (beside <paramref name="Owners"/>, free text).</param>
public sealed record NewCommitment(string? Title, string? Description, int? LeadStakeholderGroupId, string? LeadOrganisation, string? Signatories, string? Owners, DateOnly? DueOn, IReadOnlyList<MilestoneInput> Milestones, IReadOnlyList<string> Evidence, string? OwnerAccountId = null);

/// <summary>Session reports, messages, commitments, advice and indicators, each through the write path.</summary>
public sealed class OutcomeCommands(EqualFootingDb db, ProcessAccess processes, Writes writes)
{
    /// <summary>Drafts the session's report, or revises the draft; a published report no longer changes (409).</summary>
    public Task<Result<SessionReport>> DraftReportAsync(int sessionId, ReportText text, CancellationToken ct = default) =>
        writes.RunAsync<ReportContext, SessionReport>(
            token => LoadReportAsync(sessionId, token),
            c => OutcomePolicy.DraftReport(c.Actor, c.Process),
            (c, now) =>
            {
                var groups = c.Process.StakeholderGroups.Select(g => g.Id).ToHashSet();
                if (c.Report is { } existing)
                {
                    var revised = existing.Revise(c.Actor.AccountId!, text, groups, now);
                    if (revised.Error is { } refused)
                    {
                        return refused;
                    }

                    return revised.Value
                        ? Change.Recorded(existing, c.Process.Id, OutcomeRecord.ReportRevised, () => new ReportEntry(sessionId, existing.Id)).Claiming(Claim.Version(existing))
                        : Change.None(existing);
                }

                var drafted = SessionReport.Draft(c.Process.Id, sessionId, c.Actor.AccountId!, text, groups, now);
                if (drafted.Error is { } invalid)
                {
                    return invalid;
                }

                var report = drafted.Value;
                db.SessionReports.Add(report);
                // Two first drafts at once: the unique index on the session keeps one, and the loser runs again as a revision of it.
                return Change.Recorded(report, c.Process.Id, OutcomeRecord.ReportDrafted, () => new ReportEntry(sessionId, report.Id))
                    .OnDuplicate(async token => await DraftReportAsync(sessionId, text, token));
            },
            ct);

    /// <summary>The moderator publishes the draft (403 for anyone else); publishing twice changes nothing.</summary>
    public Task<Result<SessionReport>> PublishReportAsync(int sessionId, CancellationToken ct = default) =>
        writes.RunAsync<ReportContext, SessionReport>(
            token => LoadReportAsync(sessionId, token),
            c => OutcomePolicy.PublishReport(c.Actor, c.Process),
            (c, now) =>
            {
                if (c.Report is not { } report)
                {
                    return Error.Conflict("There is no draft to publish: the rapporteur drafts the report first.");
                }

                return report.Publish(c.Actor.AccountId!, now)
                    ? Change.Recorded(report, c.Process.Id, OutcomeRecord.ReportPublished, () => new ReportEntry(sessionId, report.Id)).Claiming(Claim.Version(report))
                    : Change.None(report);
            },
            ct,
            whenLost: Error.Conflict("The report changed while you were approving it. Read it again before publishing."));

    /// <summary>A convener sets whether every session needs a report, and (when given) how long advice waits for a response before its reminder.</summary>
    public Task<Result<OutcomeSettings>> ChangeSettingsAsync(int processId, bool reportsRequired, int? adviceReminderDays = null, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, OutcomeSettings>(
            token => processes.LoadAsync(processId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            async (c, now) =>
            {
                var settings = await db.OutcomeSettings.FirstOrDefaultAsync(s => s.ProcessId == processId, ct);
                if (adviceReminderDays is not null && new OutcomeSettings(processId, reportsRequired).ChangeAdviceReminderDays(adviceReminderDays) is { } bad)
                {
                    return bad;
                }

                if (settings is null)
                {
                    settings = new OutcomeSettings(processId, reportsRequired);
                    db.OutcomeSettings.Add(settings);
                }
                else if (settings.ReportsRequired == reportsRequired && (adviceReminderDays is null || adviceReminderDays == settings.AdviceReminderDays))
                {
                    return Change.None(settings);
                }

                settings.ReportsRequired = reportsRequired;
                if (adviceReminderDays is not null)
                {
                    settings.ChangeAdviceReminderDays(adviceReminderDays);
                }

                return Change.Recorded(settings, processId, OutcomeRecord.SettingsChanged, () => new SettingsEntry(reportsRequired, settings.AdviceReminderDays))
                    .Claiming(Claim.Structure(c.Process));
            },
            ct);

    /// <summary>Publishes a message; every source must be a session, consultation, poll, conversation or proposal of this process.</summary>
    public Task<Result<Message>> PublishMessageAsync(int processId, string? title, string? text, IReadOnlyList<(SourceKind Kind, int Id)> sources, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Message>(
            token => processes.LoadAsync(processId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            async (c, now) =>
            {
                for (var i = 0; i < sources.Count; i++)
                {
                    if (!await ExistsAsync(processId, sources[i].Kind, sources[i].Id, ct))
                    {
                        return Error.Invalid($"sources[{i}].id", $"This process has no {sources[i].Kind.ToString().ToLowerInvariant()} {sources[i].Id}.");
                    }
                }

                var published = Message.Publish(processId, c.Actor.AccountId!, title, text, sources, now);
                if (published.Error is { } invalid)
                {
                    return invalid;
                }

                var message = published.Value;
                db.Messages.Add(message);
                return Change.Recorded(message, processId, OutcomeRecord.MessagePublished, () => new MessageEntry(message.Id, message.Sources.Count));
            },
            ct);

    public Task<Result<Commitment>> CreateCommitmentAsync(int processId, NewCommitment input, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Commitment>(
            token => processes.LoadAsync(processId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            async (c, now) =>
            {
                var participants = await ParticipantsAsync(processId, input.Milestones.Select(m => m.OwnerAccountId).Append(input.OwnerAccountId), ct);
                var created = Commitment.Create(
                    processId, input.Title, input.Description, input.LeadStakeholderGroupId, input.LeadOrganisation, input.Signatories, input.Owners, input.DueOn, input.Milestones, input.Evidence,
                    c.Process.StakeholderGroups.Select(g => g.Id).ToHashSet(), c.Process.Regions.Select(r => r.Id).ToHashSet(), now, input.OwnerAccountId, participants);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var commitment = created.Value;
                db.Commitments.Add(commitment);
                return Change.Recorded(commitment, processId, OutcomeRecord.CommitmentCreated, () => new CommitmentEntry(commitment.Id, commitment.Status.ToString(), commitment.Milestones.Count));
            },
            ct);

    public Task<Result<Commitment>> UpdateCommitmentAsync(int processId, int commitmentId, CommitmentStatus status, IReadOnlyList<string> evidence, CancellationToken ct = default) =>
        writes.RunAsync<CommitmentContext, Commitment>(
            token => LoadCommitmentAsync(processId, commitmentId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, _) =>
            {
                var updated = c.Commitment.Update(status, evidence);
                if (updated.Error is { } invalid)
                {
                    return invalid;
                }

                var k = c.Commitment;
                return updated.Value
                    ? Change.Recorded(k, processId, OutcomeRecord.CommitmentUpdated, () => new CommitmentEntry(k.Id, k.Status.ToString(), k.Milestones.Count)).Claiming(Claim.Version(k))
                    : Change.None(k);
            },
            ct);

    public Task<Result<Milestone>> AddMilestoneAsync(int processId, int commitmentId, MilestoneInput input, CancellationToken ct = default) =>
        writes.RunAsync<CommitmentContext, Milestone>(
            token => LoadCommitmentAsync(processId, commitmentId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            async (c, _) =>
            {
                var participants = await ParticipantsAsync(processId, [input.OwnerAccountId], ct);
                var added = c.Commitment.AddMilestone(input, c.Process.Regions.Select(r => r.Id).ToHashSet(), participants: participants);
                if (added.Error is { } invalid)
                {
                    return invalid;
                }

                var k = c.Commitment;
                return Change.Recorded(added.Value, processId, OutcomeRecord.CommitmentUpdated, () => new CommitmentEntry(k.Id, k.Status.ToString(), k.Milestones.Count)).Claiming(Claim.Version(k));
            },
            ct);

    public Task<Result<Milestone>> CompleteMilestoneAsync(int processId, int commitmentId, int milestoneId, DateOnly? on, CancellationToken ct = default) =>
        writes.RunAsync<CommitmentContext, Milestone>(
            token => LoadCommitmentAsync(processId, commitmentId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, now) =>
            {
                var date = on ?? DateOnly.FromDateTime(now.UtcDateTime);
                var done = c.Commitment.CompleteMilestone(milestoneId, date);
                if (done.Error is { } invalid)
                {
                    return invalid;
                }

                var k = c.Commitment;
                var milestone = k.Milestones.First(m => m.Id == milestoneId);
                return done.Value
                    ? Change.Recorded(milestone, processId, OutcomeRecord.MilestoneReached, () => new MilestoneEntry(k.Id, milestoneId, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Claiming(Claim.Version(k))
                    : Change.None(milestone);
            },
            ct);

    public Task<Result<Advice>> CreateAdviceAsync(int processId, string? title, string? text, string? link, string? recipient, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Advice>(
            token => processes.LoadAsync(processId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, now) =>
            {
                var created = Advice.Create(processId, title, text, link, recipient, now);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var advice = created.Value;
                db.Advice.Add(advice);
                return Change.Recorded(advice, processId, OutcomeRecord.AdviceCreated, () => new AdviceEntry(advice.Id, advice.Status.ToString(), null));
            },
            ct);

    public Task<Result<Advice>> SendAdviceAsync(int processId, int adviceId, DateOnly? on, CancellationToken ct = default) =>
        writes.RunAsync<AdviceContext, Advice>(
            token => LoadAdviceAsync(processId, adviceId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, _) =>
            {
                var sent = c.Advice.Send(on);
                if (sent.Error is { } refused)
                {
                    return refused;
                }

                var a = c.Advice;
                return sent.Value
                    ? Change.Recorded(a, processId, OutcomeRecord.AdviceSent, () => new AdviceEntry(a.Id, a.Status.ToString(), Iso(a.SentOn))).Claiming(Claim.Version(a))
                    : Change.None(a);
            },
            ct);

    public Task<Result<Advice>> RecordResponseAsync(int processId, int adviceId, AdviceStatus status, string? response, DateOnly? on, string? implemented, CancellationToken ct = default) =>
        writes.RunAsync<AdviceContext, Advice>(
            token => LoadAdviceAsync(processId, adviceId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, _) =>
            {
                var answered = c.Advice.RecordResponse(status, response, on, implemented);
                if (answered.Error is { } refused)
                {
                    return refused;
                }

                var a = c.Advice;
                return answered.Value
                    ? Change.Recorded(a, processId, OutcomeRecord.AdviceAnswered, () => new AdviceEntry(a.Id, a.Status.ToString(), Iso(a.RespondedOn))).Claiming(Claim.Version(a))
                    : Change.None(a);
            },
            ct);

    public Task<Result<Indicator>> CreateIndicatorAsync(int processId, string? name, string? unit, string? description, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Indicator>(
            token => processes.LoadAsync(processId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, now) =>
            {
                var created = Indicator.Create(processId, name, unit, description, now);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var indicator = created.Value;
                db.Indicators.Add(indicator);
                return Change.Recorded(indicator, processId, OutcomeRecord.IndicatorCreated, () => new IndicatorEntry(indicator.Id, 0, null));
            },
            ct);

    /// <summary>
    /// Stores values (typed by hand or read from a CSV upload): a date already in the series gets the new value.
    /// The values were checked whole before this runs, so a bad file stores nothing.
    /// </summary>
    public Task<Result<int>> RecordValuesAsync(int processId, int indicatorId, IReadOnlyList<DatedValue> values, CancellationToken ct = default) =>
        writes.RunAsync<IndicatorContext, int>(
            token => LoadIndicatorAsync(processId, indicatorId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            async (c, _) =>
            {
                if (values.Count == 0)
                {
                    return Error.Invalid("values", "Give at least one value.");
                }

                var dates = values.Select(v => v.On).ToList();
                var existing = await db.IndicatorPoints.Where(p => p.IndicatorId == indicatorId && dates.Contains(p.On)).ToDictionaryAsync(p => p.On, ct);
                foreach (var v in values)
                {
                    if (existing.TryGetValue(v.On, out var point))
                    {
                        point.Value = v.Value;
                    }
                    else
                    {
                        db.IndicatorPoints.Add(new IndicatorPoint(indicatorId, v.On, v.Value));
                    }
                }

                // Two uploads at once must not both insert the same date: the indicator's row serialises them.
                return Change.Recorded(values.Count, processId, OutcomeRecord.IndicatorValues, () => new IndicatorEntry(indicatorId, values.Count, null))
                    .Claiming(Claim.Lock((d, token) => d.Indicators.Where(i => i.Id == indicatorId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcessId, i => i.ProcessId), token)));
            },
            ct);

    public Task<Result<IndicatorEvent>> MarkEventAsync(int processId, int indicatorId, DateOnly? on, string? label, CancellationToken ct = default) =>
        writes.RunAsync<IndicatorContext, IndicatorEvent>(
            token => LoadIndicatorAsync(processId, indicatorId, token),
            c => OutcomePolicy.Publish(c.Actor, c.Process),
            (c, _) =>
            {
                if (on is not { } date)
                {
                    return Error.Invalid("on", "Give the event's date.");
                }

                var text = Text.Required("label", label, IndicatorEvent.LabelMax);
                if (text.Error is { } invalid)
                {
                    return invalid;
                }

                var e = new IndicatorEvent(indicatorId, date, text.Value);
                db.IndicatorEvents.Add(e);
                return Change.Recorded(e, processId, OutcomeRecord.IndicatorEventMarked, () => new IndicatorEntry(indicatorId, 0, e.Id));
            },
            ct);

    // Which of these accounts are participants of the process: an owner must be one.
    private async Task<IReadOnlySet<string>> ParticipantsAsync(int processId, IEnumerable<string?> accountIds, CancellationToken ct)
    {
        var ids = accountIds.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct().ToList();
        return ids.Count == 0
            ? new HashSet<string>()
            : (await db.Participants.AsNoTracking().Where(p => p.ProcessId == processId && ids.Contains(p.AccountId)).Select(p => p.AccountId).ToListAsync(ct)).ToHashSet();
    }

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> ExistsAsync(int processId, SourceKind kind, int id, CancellationToken ct) => kind switch
    {
        SourceKind.Session => await db.Sessions.AnyAsync(x => x.Id == id && x.ProcessId == processId, ct),
        SourceKind.Consultation => await db.Consultations.AnyAsync(x => x.Id == id && x.ProcessId == processId, ct),
        SourceKind.Poll => await db.Polls.AnyAsync(x => x.Id == id && x.ProcessId == processId, ct),
        SourceKind.Conversation => await db.Conversations.AnyAsync(x => x.Id == id && x.ProcessId == processId, ct),
        SourceKind.Proposal => await db.Proposals.AnyAsync(x => x.Id == id && x.ProcessId == processId, ct),
        _ => false,
    };

    private async Task<Result<ReportContext>> LoadReportAsync(int sessionId, CancellationToken ct)
    {
        var processId = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => (int?)s.ProcessId).FirstOrDefaultAsync(ct);
        if (processId is null)
        {
            return Error.NotFound("No such session.");
        }

        var found = await processes.FindAsync(processId.Value, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such session.") : error;
        }

        var report = await db.SessionReports.FirstOrDefaultAsync(r => r.SessionId == sessionId, ct);
        return new ReportContext(found.Value.Process, found.Value.Actor, sessionId, report);
    }

    private async Task<Result<CommitmentContext>> LoadCommitmentAsync(int processId, int commitmentId, CancellationToken ct)
    {
        var found = await processes.FindAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var commitment = await db.Commitments.Include(c => c.Milestones).FirstOrDefaultAsync(c => c.Id == commitmentId && c.ProcessId == processId, ct);
        return commitment is null ? Error.NotFound("No such commitment.") : new CommitmentContext(found.Value.Process, found.Value.Actor, commitment);
    }

    private async Task<Result<AdviceContext>> LoadAdviceAsync(int processId, int adviceId, CancellationToken ct)
    {
        var found = await processes.FindAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var advice = await db.Advice.FirstOrDefaultAsync(a => a.Id == adviceId && a.ProcessId == processId, ct);
        return advice is null ? Error.NotFound("No such advice.") : new AdviceContext(found.Value.Process, found.Value.Actor, advice);
    }

    private async Task<Result<IndicatorContext>> LoadIndicatorAsync(int processId, int indicatorId, CancellationToken ct)
    {
        var found = await processes.FindAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Id == indicatorId && i.ProcessId == processId, ct);
        return indicator is null ? Error.NotFound("No such indicator.") : new IndicatorContext(found.Value.Process, found.Value.Actor, indicator);
    }
}
