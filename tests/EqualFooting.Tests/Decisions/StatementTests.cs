using EqualFooting.Common;
using EqualFooting.Decisions;

namespace EqualFooting.Tests.Decisions;

/// <summary>A statement's life: drafting, a ratification vote within a window, sending once; and the window on positions.</summary>
public sealed class StatementTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static DecisionStatement Statement() => DecisionStatement.Create(1, 2, "ALAC statement", "ICANN Board", Now).Value;

    private static Proposal Vote(DateTimeOffset? until = null) =>
        Proposal.Create(1, "chair", "ALAC statement", "", "Ratify version 2?", DecisionRule.Of(RuleKind.Majority), [(LinkKind.Consultation, 2)], 0, 3, Now, positionsCloseAt: until ?? Now.AddDays(7)).Value;

    private static Proposal Closed(Outcome outcome)
    {
        var vote = Vote();
        var agree = outcome == Outcome.Adopted ? 3 : 1;
        vote.Close(DecisionRuleTests.Room($"1:{agree}/1/0/0 of 5"), "{}", null, Now.AddDays(8));
        Assert.Equal(outcome, vote.Outcome);
        return vote;
    }

    [Theory]
    [InlineData(null, "Board", "title")]
    [InlineData(" ", "Board", "title")]
    [InlineData("Statement", null, "recipient")]
    [InlineData("Statement", "", "recipient")]
    public void A_statement_needs_a_title_and_a_recipient(string? title, string? recipient, string field)
    {
        var created = DecisionStatement.Create(1, 2, title, recipient, Now);
        Assert.Equal(ErrorKind.Invalid, created.Error!.Kind);
        Assert.Equal(field, created.Error.Field);
    }

    [Fact]
    public void The_status_follows_the_latest_vote_and_the_sending()
    {
        var s = Statement();
        Assert.Equal(StatementStatus.Drafting, s.StatusGiven(null));
        Assert.Equal(StatementStatus.Ratifying, s.StatusGiven(Vote()));
        Assert.Equal(StatementStatus.Ratified, s.StatusGiven(Closed(Outcome.Adopted)));
        Assert.Equal(StatementStatus.NotRatified, s.StatusGiven(Closed(Outcome.Rejected)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    [InlineData(-1)]
    public void The_ratification_window_is_one_to_sixty_days(int days)
    {
        var refused = Statement().MayPutToRatification(null, 2, days);
        Assert.Equal(ErrorKind.Invalid, refused!.Kind);
        Assert.Equal("windowDays", refused.Field);
    }

    [Fact]
    public void A_version_goes_to_the_members_when_none_is_before_them_and_none_was_ratified()
    {
        var s = Statement();
        Assert.Null(s.MayPutToRatification(null, 2, 7));
        Assert.Null(s.MayPutToRatification(Closed(Outcome.Rejected), 3, 7));
        Assert.Equal(ErrorKind.Conflict, s.MayPutToRatification(null, 0, 7)!.Kind);
        Assert.Equal(ErrorKind.Conflict, s.MayPutToRatification(Vote(), 2, 7)!.Kind);
        Assert.Equal(ErrorKind.Conflict, s.MayPutToRatification(Closed(Outcome.Adopted), 2, 7)!.Kind);
    }

    [Fact]
    public void Only_a_ratified_statement_is_sent_and_only_once()
    {
        var s = Statement();
        Assert.Equal(ErrorKind.Conflict, s.Send(null, "E-mail", Now)!.Kind);
        Assert.Equal(ErrorKind.Conflict, s.Send(Vote(), "E-mail", Now)!.Kind);
        Assert.Equal(ErrorKind.Conflict, s.Send(Closed(Outcome.Rejected), "E-mail", Now)!.Kind);
        var ratified = Closed(Outcome.Adopted);
        Assert.Equal("via", s.Send(ratified, " ", Now)!.Field);
        Assert.Null(s.Send(ratified, "E-mail to the Board secretariat", Now));
        Assert.Equal(Now, s.SentAt);
        Assert.Equal(StatementStatus.Sent, s.StatusGiven(ratified));
        Assert.Equal(ErrorKind.Conflict, s.Send(ratified, "Again", Now)!.Kind);
        Assert.Equal(ErrorKind.Conflict, s.MayPutToRatification(ratified, 3, 7)!.Kind);
    }

    [Fact]
    public void Positions_are_refused_from_the_end_of_the_window_and_the_window_must_end_in_the_future()
    {
        var vote = Vote(Now.AddDays(1));
        Assert.Null(vote.AcceptsPositions(Now));
        Assert.Null(vote.AcceptsPositions(Now.AddDays(1).AddTicks(-1)));
        Assert.Equal(ErrorKind.Conflict, vote.AcceptsPositions(Now.AddDays(1))!.Kind);

        var past = Proposal.Create(1, "chair", "T", "", "Q?", DecisionRule.Of(RuleKind.Majority), [], 0, 3, Now, positionsCloseAt: Now);
        Assert.Equal("windowDays", past.Error!.Field);
    }
}
