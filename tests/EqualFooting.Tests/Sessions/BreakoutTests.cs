using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Tests.Processes;

namespace EqualFooting.Tests.Sessions;

public class BreakoutTests
{
    private static readonly DateTimeOffset Nine = new(2014, 6, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReportAuthor Ana = new("ana", "Ana");
    private static readonly ReportAuthor Bruno = new("bruno", "Bruno");

    private static Breakout NewRound(params string[] questions)
    {
        var split = BreakoutAssignment.RandomBalanced([new(1, 1, 1), new(2, 2, 1), new(3, 1, 2), new(4, 2, 2)], 2, 7).Value;
        return Breakout.Create(10, "Regional breakouts", questions.Length == 0 ? ["Do governments involve outside groups?"] : questions, BreakoutStrategy.RandomBalanced, split, 7, Nine).Value;
    }

    [Theory]
    [InlineData(new string[0], "questions")]
    [InlineData(new[] { " ", "" }, "questions")]
    public void A_round_needs_a_question(string[] questions, string field) =>
        Assert.Equal(field, Breakout.Create(1, null, questions, BreakoutStrategy.ByHand, BreakoutAssignment.ByHand([], 2).Value, null, Nine).Error!.Field);

    [Fact]
    public void A_round_keeps_the_questions_names_a_rapporteur_per_group_and_starts_with_nothing_reported()
    {
        var round = NewRound(" Do governments involve outside groups? ", "", "Are stakeholder groups segregated?");

        Assert.Equal(["Do governments involve outside groups?", "Are stakeholder groups segregated?"], round.Questions);
        Assert.Equal(2, round.Groups.Count);
        Assert.All(round.Groups, g => Assert.Equal(round.MembersOf(g.Number).First().ParticipantId, g.RapporteurParticipantId));
        Assert.Equal(0, round.ReportedCount);
        Assert.Equal(4, round.Members.Count);
    }

    [Fact]
    public void Of_two_people_editing_the_same_report_the_second_is_told_and_nothing_of_theirs_is_overwritten()
    {
        var round = NewRound();

        var first = round.SaveReport(1, "Governments consult, but decide alone.", 0, false, Ana, Nine);
        var second = round.SaveReport(1, "Consultation is a formality.", 0, false, Bruno, Nine.AddMinutes(1));

        Assert.True(first.IsSuccess);
        Assert.Equal(ErrorKind.Conflict, second.Error!.Kind);
        Assert.Equal("version", second.Error.Field);
        Assert.Contains("Ana saved this report", second.Error.Message);
        var group = round.Group(1)!;
        Assert.Equal("Governments consult, but decide alone.", group.Report);
        Assert.Equal(1, group.ReportVersion);
        Assert.Equal("Ana", group.ReportEditorName);

        Assert.True(round.SaveReport(1, "Both: consultation is a formality and decisions are taken alone.", 1, true, Bruno, Nine.AddMinutes(2)).IsSuccess);
        Assert.Equal(2, round.Group(1)!.ReportVersion);
        Assert.Equal(1, round.ReportedCount);
    }

    [Fact]
    public void A_sent_report_stays_sent_through_later_edits_and_an_empty_report_cannot_be_sent()
    {
        var round = NewRound();

        Assert.Equal("text", round.SaveReport(1, "  ", 0, true, Ana, Nine).Error!.Field);
        Assert.Equal("version", round.SaveReport(1, "x", null, true, Ana, Nine).Error!.Field);
        round.SaveReport(1, "Sent.", 0, true, Ana, Nine);
        round.SaveReport(1, "Sent, then corrected.", 1, false, Ana, Nine.AddMinutes(5));

        Assert.True(round.Group(1)!.IsReported);
        Assert.Equal(Nine, round.Group(1)!.ReportedAt);
    }

    [Fact]
    public void Reminders_go_to_groups_that_have_not_reported()
    {
        var round = NewRound();
        round.SaveReport(1, "Done.", 0, true, Ana, Nine);

        Assert.Equal(ErrorKind.Conflict, round.Remind(1, Nine).Error!.Kind);
        Assert.True(round.Remind(2, Nine.AddMinutes(3)).IsSuccess);
        Assert.Equal(1, round.Group(2)!.Reminders);
        Assert.Equal(ErrorKind.NotFound, round.Remind(9, Nine).Error!.Kind);
    }

    [Fact]
    public void Moving_a_rapporteur_out_of_a_group_empties_its_rapporteur_seat_and_every_change_moves_the_version_on()
    {
        var round = NewRound();
        var rapporteur = round.Group(1)!.RapporteurParticipantId!.Value;
        var member = round.MemberOf(rapporteur)!;
        var version = round.Version;

        Assert.True(round.Move(new BreakoutCandidate(rapporteur, member.StakeholderGroupId, member.RegionId), 2).Value);
        Assert.False(round.Move(new BreakoutCandidate(rapporteur, member.StakeholderGroupId, member.RegionId), 2).Value);

        Assert.Null(round.Group(1)!.RapporteurParticipantId);
        Assert.Equal(2, round.MemberOf(rapporteur)!.GroupNumber);
        Assert.Equal(version + 1, round.Version);
        Assert.Equal("group", round.Move(new BreakoutCandidate(99, 1, 1), 7).Error!.Field);
        Assert.Equal("participantId", round.ChooseRapporteur(1, rapporteur).Error!.Field);
        Assert.True(round.ChooseRapporteur(2, rapporteur).Value);
    }

    private static Actor As(string who) => who switch
    {
        "anonymous" => Actor.Anonymous,
        "participant" => new Actor("p", false, new HashSet<ProcessRole>(), true),
        "moderator" => new Actor("m", false, new HashSet<ProcessRole> { ProcessRole.Moderator }, false),
        "rapporteur" => new Actor("r", false, new HashSet<ProcessRole> { ProcessRole.Rapporteur }, false),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    [Theory]
    [InlineData("anonymous", null, ErrorKind.Unauthenticated)]
    [InlineData("participant", null, ErrorKind.Forbidden)]
    [InlineData("participant", "member", null)]
    [InlineData("participant", "other group", ErrorKind.Forbidden)]
    [InlineData("moderator", null, ErrorKind.Forbidden)]
    [InlineData("rapporteur", null, null)]
    public void Who_writes_a_groups_report(string actor, string? standing, ErrorKind? expected)
    {
        var round = NewRound();
        int? participantId = standing switch
        {
            "member" => round.MembersOf(1).First().ParticipantId,
            "other group" => round.MembersOf(2).First().ParticipantId,
            _ => null,
        };

        Assert.Equal(expected, BreakoutPolicy.WriteReport(As(actor), ProcessTests.NewProcess(ProcessStatus.Open), round, 1, participantId)?.Kind);
    }

    [Theory]
    [InlineData("participant", false, ErrorKind.Forbidden)]
    [InlineData("rapporteur", false, ErrorKind.Forbidden)]
    [InlineData("moderator", false, null)]
    [InlineData("moderator", true, ErrorKind.Conflict)]
    [InlineData("participant", true, ErrorKind.Forbidden)]
    public void Moderators_arrange_rounds_until_the_session_ends(string actor, bool ended, ErrorKind? expected)
    {
        var session = Session.Create(1, new SessionDetails("Plenary", Nine, Nine.AddHours(1)), QueuePolicyKind.FirstComeFirstServed, QueuePolicySettings.None).Value;
        if (ended)
        {
            session.End(Nine);
        }

        Assert.Equal(expected, BreakoutPolicy.Arrange(As(actor), ProcessTests.NewProcess(ProcessStatus.Open), session)?.Kind);
    }

    [Fact]
    public void The_compiled_report_puts_every_group_under_the_questions_and_shows_who_is_missing()
    {
        var md = BreakoutReport.ToMarkdown(
            "ATLAS II thematic group 3",
            "Regional breakouts",
            ["Do governments involve outside groups?", "Are stakeholder groups segregated?"],
            [
                new GroupReport("Africa", "Amara", [("Civil society", 2), ("Government", 1)], "# Findings\nGovernments consult late.", true, "Amara", Nine),
                new GroupReport("Europe", null, [], "", false, null, null),
            ]);

        Assert.Equal(
            "# Regional breakouts\n\nATLAS II thematic group 3 · 1 of 2 groups reported\n\n## Questions\n\n" +
            "1. Do governments involve outside groups?\n2. Are stakeholder groups segregated?\n\n" +
            "## Africa\n\n*Rapporteur: Amara*  \n*Members: Civil society 2, Government 1*  \n*Last edited by Amara, 2014-06-23 09:00 UTC*\n\n" +
            "### Findings\nGovernments consult late.\n\n## Europe\n\n*No report yet.*\n",
            md);
    }
}
