using EqualFooting.Common;
using EqualFooting.Outcomes;

namespace EqualFooting.Tests.Outcomes;

public sealed class SessionReportTests
{
    private static readonly DateTimeOffset Now = new(2014, 6, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<int> Groups = [1, 2, 3];

    private static ReportText Text(string? summary = "Governments rarely involve others in deciding.", IReadOnlyList<Perspective>? perspectives = null) =>
        new(summary, "Inclusion", perspectives ?? [new Perspective(1, "Governments consult."), new Perspective(2, "")], "Openness matters", "Who decides", "Survey again in 2015");

    [Fact]
    public void A_draft_keeps_written_perspectives_and_drops_blank_ones()
    {
        var report = SessionReport.Draft(7, 3, "rapporteur", Text(), Groups, Now).Value;
        Assert.Equal(ReportStatus.Draft, report.Status);
        var p = Assert.Single(report.Perspectives);
        Assert.Equal(1, p.StakeholderGroupId);
    }

    [Theory]
    [InlineData(null, "summary")]
    [InlineData("   ", "summary")]
    public void A_summary_is_required(string? summary, string field) =>
        Assert.Equal(field, SessionReport.Draft(7, 3, "r", Text(summary), Groups, Now).Error!.Field);

    [Fact]
    public void A_perspective_is_one_of_the_process_groups_once()
    {
        Assert.Equal("perspectives[0].stakeholderGroupId", SessionReport.Draft(7, 3, "r", Text(perspectives: [new Perspective(9, "x")]), Groups, Now).Error!.Field);
        Assert.Equal("perspectives[1].stakeholderGroupId", SessionReport.Draft(7, 3, "r", Text(perspectives: [new Perspective(1, "x"), new Perspective(1, "y")]), Groups, Now).Error!.Field);
    }

    [Fact]
    public void Publishing_freezes_the_report_and_a_second_publish_changes_nothing()
    {
        var report = SessionReport.Draft(7, 3, "r", Text(), Groups, Now).Value;
        Assert.False(report.Revise("r", Text(), Groups, Now).Value); // same text: no change
        Assert.True(report.Publish("moderator", Now));
        Assert.False(report.Publish("moderator", Now));
        Assert.Equal(ErrorKind.Conflict, report.Revise("r", Text("Changed"), Groups, Now).Error!.Kind);
    }

    [Fact]
    public void Missing_reports_are_sessions_over_without_a_published_report()
    {
        var sessions = new[]
        {
            new ReportableSession(1, "Ended early", Now.AddDays(1), Ended: true),
            new ReportableSession(2, "Past its end", Now.AddHours(-1), Ended: false),
            new ReportableSession(3, "Still to come", Now.AddHours(1), Ended: false),
            new ReportableSession(4, "Reported", Now.AddDays(-1), Ended: true),
        };
        var missing = MissingReports.Of(sessions, new HashSet<int> { 4 }, Now);
        Assert.Equal([2, 1], missing.Select(s => s.SessionId));
    }
}

public sealed class CommitmentTests
{
    private static readonly DateTimeOffset Now = new(2009, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<int> Groups = [1, 2];
    private static readonly HashSet<int> Regions = [10, 11];
    private static readonly DateOnly Due = new(2012, 12, 31);

    private static Result<Commitment> Create(params MilestoneInput[] milestones) =>
        Commitment.Create(1, "Block port 25 for residential users", null, 2, "Anatel", "CGI.br, ISPs", "ISP association", Due, milestones, ["https://cgi.br/resolucao"], Groups, Regions, Now);

    [Fact]
    public void A_milestone_after_the_due_date_is_refused_naming_it()
    {
        var error = Create(new MilestoneInput("North", new DateOnly(2012, 6, 1), 10), new MilestoneInput("South", new DateOnly(2013, 1, 1), 11)).Error!;
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("milestones[1].dueOn", error.Field);
    }

    [Fact]
    public void A_milestone_on_the_due_date_is_allowed()
    {
        var c = Create(new MilestoneInput("Last region", Due, 11)).Value;
        Assert.Single(c.Milestones);
        Assert.Equal("dueOn", c.AddMilestone(new MilestoneInput("Late", Due.AddDays(1), null), Regions).Error!.Field);
    }

    [Theory]
    [InlineData(null, null, "leadStakeholderGroupId")]
    [InlineData(9, "Anatel", "leadStakeholderGroupId")]
    public void The_lead_is_a_process_group_or_an_organisation(int? group, string? organisation, string field) =>
        Assert.Equal(field, Commitment.Create(1, "T", null, group, organisation, null, null, Due, [], [], Groups, Regions, Now).Error!.Field);

    [Fact]
    public void Evidence_is_a_web_address_and_regions_are_the_process_regions()
    {
        Assert.Equal("evidence[0]", Commitment.Create(1, "T", null, 1, null, null, null, Due, [], ["javascript:alert(1)"], Groups, Regions, Now).Error!.Field);
        Assert.Equal("milestones[0].regionId", Create(new MilestoneInput("Mars", Due, 99)).Error!.Field);
    }

    [Fact]
    public void An_owner_is_optional_and_otherwise_one_of_the_process_participants()
    {
        HashSet<string> participants = ["acct-ana"];
        Commitment With(string? owner, string? milestoneOwner) =>
            Commitment.Create(1, "T", null, 1, null, null, null, Due, [new MilestoneInput("North", Due, 10, milestoneOwner)], [], Groups, Regions, Now, owner, participants).Value;

        Assert.Null(With(null, null).OwnerAccountId);
        Assert.Equal("acct-ana", With("acct-ana", null).OwnerAccountId);
        Assert.Equal("acct-ana", With(null, "acct-ana").Milestones[0].OwnerAccountId);
        Assert.Equal("ownerAccountId", Commitment.Create(1, "T", null, 1, null, null, null, Due, [], [], Groups, Regions, Now, "acct-bob", participants).Error!.Field);
        Assert.Equal("milestones[0].ownerAccountId", Commitment.Create(1, "T", null, 1, null, null, null, Due, [new MilestoneInput("North", Due, 10, "acct-bob")], [], Groups, Regions, Now, null, participants).Error!.Field);
        Assert.Equal("ownerAccountId", With(null, null).AddMilestone(new MilestoneInput("South", Due, 11, "acct-bob"), Regions, participants: participants).Error!.Field);
        // Without a set of participants nobody can be named.
        Assert.Equal("ownerAccountId", Commitment.Create(1, "T", null, 1, null, null, null, Due, [], [], Groups, Regions, Now, "acct-ana").Error!.Field);
    }

    [Fact]
    public void A_milestone_is_overdue_from_the_day_after_it_falls_due_until_reached()
    {
        var c = Create(new MilestoneInput("North", new DateOnly(2012, 6, 1), 10), new MilestoneInput("South", new DateOnly(2012, 9, 1), 11)).Value;
        Assert.Empty(c.OverdueMilestones(new DateOnly(2012, 6, 1)));
        Assert.Equal(["North"], c.OverdueMilestones(new DateOnly(2012, 6, 2)).Select(m => m.Title));
        Assert.Equal(["North", "South"], c.OverdueMilestones(new DateOnly(2012, 9, 2)).Select(m => m.Title));
        Assert.True(c.CompleteMilestone(c.Milestones[0].Id, new DateOnly(2012, 9, 3)).Value);
        Assert.Equal(["South"], c.OverdueMilestones(new DateOnly(2012, 9, 4)).Select(m => m.Title));
    }

    [Fact]
    public void An_update_adds_evidence_and_changes_status_once()
    {
        var c = Create().Value;
        Assert.True(c.Update(CommitmentStatus.InProgress, ["https://example.org/report"]).Value);
        Assert.False(c.Update(CommitmentStatus.InProgress, ["https://example.org/report"]).Value);
        Assert.Equal(2, c.Evidence.Count);
    }
}

public sealed class AdviceTests
{
    private static readonly DateTimeOffset Now = new(2014, 6, 26, 0, 0, 0, TimeSpan.Zero);

    private static Advice Create() => Advice.Create(1, "ATLAS II declaration", null, "https://atlarge.icann.org/atlas-ii", "ICANN Board", Now).Value;

    [Fact]
    public void A_response_on_advice_not_sent_is_a_conflict()
    {
        var advice = Create();
        Assert.Equal(ErrorKind.Conflict, advice.RecordResponse(AdviceStatus.Accepted, "Adopted", new DateOnly(2014, 9, 1), null).Error!.Kind);
    }

    [Fact]
    public void A_response_cannot_predate_the_advice_and_pending_is_not_a_response()
    {
        var advice = Create();
        Assert.True(advice.Send(new DateOnly(2014, 7, 1)).Value);
        Assert.Equal("respondedOn", advice.RecordResponse(AdviceStatus.Rejected, null, new DateOnly(2014, 6, 30), null).Error!.Field);
        Assert.Equal("status", advice.RecordResponse(AdviceStatus.Pending, null, new DateOnly(2014, 8, 1), null).Error!.Field);
        Assert.True(advice.RecordResponse(AdviceStatus.Partly, "Some recommendations adopted", new DateOnly(2014, 10, 1), "Recommendation 3").Value);
        Assert.Equal(AdviceStatus.Partly, advice.Status);
    }

    [Fact]
    public void Advice_needs_text_or_a_link_and_is_sent_on_one_date()
    {
        Assert.Equal("text", Advice.Create(1, "T", null, null, "Board", Now).Error!.Field);
        Assert.Equal("link", Advice.Create(1, "T", null, "ftp://x", "Board", Now).Error!.Field);
        var advice = Create();
        Assert.True(advice.Send(new DateOnly(2014, 7, 1)).Value);
        Assert.False(advice.Send(new DateOnly(2014, 7, 1)).Value);
        Assert.Equal(ErrorKind.Conflict, advice.Send(new DateOnly(2014, 7, 2)).Error!.Kind);
    }

    [Fact]
    public void A_reminder_is_due_once_the_wait_has_passed_without_a_response()
    {
        var advice = Create();
        Assert.False(advice.AwaitsResponse(new DateOnly(2015, 1, 1), 90)); // not sent
        advice.Send(new DateOnly(2014, 7, 1));
        Assert.False(advice.AwaitsResponse(new DateOnly(2014, 9, 29), 90));
        Assert.True(advice.AwaitsResponse(new DateOnly(2014, 9, 30), 90));
    }

    [Fact]
    public void The_heeded_share_counts_answered_advice()
    {
        var tally = AdviceTally.Of([(true, AdviceStatus.Accepted), (true, AdviceStatus.Partly), (true, AdviceStatus.Rejected), (true, AdviceStatus.NoResponse), (true, AdviceStatus.Pending), (false, AdviceStatus.Pending)]);
        Assert.Equal(5, tally.Sent);
        Assert.Equal(0.5, tally.HeededShare);
        Assert.Null(AdviceTally.Of([]).HeededShare);
    }
}

public sealed class IndicatorCsvTests
{
    [Fact]
    public void A_well_formed_file_is_read_in_date_order()
    {
        var values = IndicatorCsv.Parse("date,value\r\n2010-01-01,1200.5\r\n2009-01-01,3000\r\n").Value;
        Assert.Equal([new DatedValue(new DateOnly(2009, 1, 1), 3000), new DatedValue(new DateOnly(2010, 1, 1), 1200.5)], values);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("day,count\n2010-01-01,1\n", "Line 1: the header")]
    [InlineData("date,value\n2010-01-01,1\n2010-13-01,2\n", "Line 3: '2010-13-01' is not a date")]
    [InlineData("date,value\n2010-01-01,\"1,5\"\n", "Line 2: '1,5' is not a number")]
    [InlineData("date,value\n2010-01-01,1\n2010-01-01,2\n", "Line 3: 2010-01-01 appears twice")]
    [InlineData("date,value\n2010-01-01,1,3\n", "Line 2: expected 2 fields")]
    [InlineData("date,value\n2010-01-01,NaN\n", "Line 2: 'NaN' is not a number")]
    [InlineData("date,value\n2010-01-01,1x\"\n", "Line 2:")]
    public void A_malformed_file_names_the_line_and_the_reason(string csv, string message)
    {
        var error = IndicatorCsv.Parse(csv).Error!;
        Assert.Equal("file", error.Field);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
