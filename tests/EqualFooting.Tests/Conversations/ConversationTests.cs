using EqualFooting.Common;
using EqualFooting.Conversations;
using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Tests.Processes;

namespace EqualFooting.Tests.Conversations;

public class ConversationTests
{
    private static readonly DateTimeOffset Nine = new(2014, 4, 23, 9, 0, 0, TimeSpan.Zero);

    private static Actor ByName(string name) => name switch
    {
        "anonymous" => Actor.Anonymous,
        "account" => new Actor("acc", false, new HashSet<ProcessRole>(), false),
        "participant" => new Actor("acc", false, new HashSet<ProcessRole>(), true),
        "moderator" => new Actor("acc", false, new HashSet<ProcessRole> { ProcessRole.Moderator }, false),
        "convener" => new Actor("acc", false, new HashSet<ProcessRole> { ProcessRole.Convener }, false),
        "admin" => new Actor("admin", true, new HashSet<ProcessRole>(), false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Conversation Open(StatementModeration moderation = StatementModeration.Before) =>
        Conversation.Start(1, "What should the IGF keep?", moderation, Nine).Value;

    [Theory]
    [InlineData("agree", VoteChoice.Agree)]
    [InlineData(" Disagree ", VoteChoice.Disagree)]
    [InlineData("PASS", VoteChoice.Pass)]
    public void Vote_values_are_agree_disagree_or_pass(string value, VoteChoice expected) =>
        Assert.Equal(expected, VoteChoices.Parse(value).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abstain")]
    [InlineData("1")]
    public void Other_vote_values_are_invalid_naming_the_field(string? value)
    {
        var error = VoteChoices.Parse(value).Error!;
        Assert.Equal((ErrorKind.Invalid, "choice"), (error.Kind, error.Field));
    }

    [Theory]
    [InlineData(StatementModeration.Before, StatementStatus.Pending)]
    [InlineData(StatementModeration.After, StatementStatus.Approved)]
    public void A_statement_is_pending_or_shown_as_the_moderation_setting_says(StatementModeration moderation, StatementStatus expected) =>
        Assert.Equal(expected, Open(moderation).Submit(7, "Keep the IGF open to all.", Nine).Value.Status);

    [Fact]
    public void A_statement_longer_than_the_limit_is_invalid_and_one_at_the_limit_is_not()
    {
        var conversation = Open();
        Assert.Equal("text", conversation.Submit(7, new string('x', Statement.TextMax + 1), Nine).Error!.Field);
        Assert.True(conversation.Submit(7, new string('x', Statement.TextMax), Nine).IsSuccess);
        Assert.Equal("text", conversation.Submit(7, "   ", Nine).Error!.Field);
    }

    [Fact]
    public void A_closed_conversation_takes_no_statements_and_closes_once()
    {
        var conversation = Open();
        Assert.Null(conversation.Close(Nine));
        Assert.Equal(ErrorKind.Conflict, conversation.Submit(7, "Late.", Nine).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, conversation.Close(Nine)!.Kind);
    }

    [Fact]
    public void A_vote_changes_and_the_same_vote_again_changes_nothing()
    {
        var vote = new StatementVote(1, 2, 3, VoteChoice.Agree, Nine);
        Assert.False(vote.Change(VoteChoice.Agree, Nine.AddMinutes(1)));
        Assert.True(vote.Change(VoteChoice.Pass, Nine.AddMinutes(2)));
        Assert.Equal((VoteChoice.Pass, Nine.AddMinutes(2)), (vote.Choice, vote.CastAt));
    }

    [Theory]
    [InlineData("anonymous", ErrorKind.Unauthenticated)]
    [InlineData("account", ErrorKind.Forbidden)]
    [InlineData("participant", null)]
    public void Participants_take_part_in_an_open_conversation(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, ConversationPolicy.Take(ByName(actor), ProcessTests.NewProcess(ProcessStatus.Open), Open())?.Kind);

    [Fact]
    public void Nobody_takes_part_in_a_closed_conversation()
    {
        var conversation = Open();
        conversation.Close(Nine);
        Assert.Equal(ErrorKind.Conflict, ConversationPolicy.Take(ByName("participant"), ProcessTests.NewProcess(ProcessStatus.Open), conversation)?.Kind);
    }

    [Theory]
    [InlineData("anonymous", ErrorKind.Unauthenticated)]
    [InlineData("participant", ErrorKind.Forbidden)]
    [InlineData("moderator", null)]
    [InlineData("convener", null)]
    [InlineData("admin", null)]
    public void Moderators_and_conveners_moderate(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, ConversationPolicy.Moderate(ByName(actor), ProcessTests.NewProcess(ProcessStatus.Open))?.Kind);

    [Theory]
    [InlineData("participant", ErrorKind.Forbidden)]
    [InlineData("moderator", ErrorKind.Forbidden)]
    [InlineData("convener", null)]
    public void Conveners_start_conversations(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, ConversationPolicy.Start(ByName(actor), ProcessTests.NewProcess(ProcessStatus.Open))?.Kind);
}
