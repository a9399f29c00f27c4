using EqualFooting.Common;
using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

public sealed class PolisExportTests
{
    private const string Comments =
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n" +
        "1,x,0,0,1,0,1,\"First, with a comma\"\n" +
        "2,x,1,0,0,1,0,Second\n" +
        "3,x,2,1,0,0,-1,Moderated out\n";

    private const string Participants =
        "participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n" +
        "7,,1,0,2,1,1,1,-1\n" +
        "9,,,0,1,0,0,0,\n";

    [Fact]
    public void Reads_votes_keeping_the_latest_and_leaving_out_moderated_statements()
    {
        const string votes =
            "timestamp,datetime,comment-id,voter-id,vote\n" +
            "30,x,0,7,1\n" +
            "10,x,0,7,-1\n" +
            "20,x,1,7,-1\n" +
            "25,x,2,7,1\n" +
            "40,x,0,9,0\n";

        var read = PolisExport.Read(votes, Comments, Participants);

        var conversation = read.Value;
        Assert.Equal([7, 9], conversation.VoterIds);
        Assert.Equal([0, 1], conversation.Statements.Select(s => s.CommentId));
        Assert.Equal("First, with a comma", conversation.Statements[0].Text);
        Assert.Equal(VoteChoice.Agree, conversation.Matrix.Get(0, 0));
        Assert.Equal(VoteChoice.Disagree, conversation.Matrix.Get(0, 1));
        Assert.Equal(VoteChoice.Pass, conversation.Matrix.Get(1, 0));
        Assert.Equal(3, conversation.Matrix.Count);
        Assert.Equal(new Dictionary<int, int> { [7] = 1 }, conversation.PolisGroups);
    }

    [Theory]
    [InlineData("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7,1\n2,x,0,7,2\n", "votes.csv line 3: vote must be")]
    [InlineData("timestamp,datetime,comment-id,voter-id,vote\n1,x,zero,7,1\n", "votes.csv line 2:")]
    [InlineData("timestamp,comment-id,vote\n1,0,1\n", "votes.csv line 1: the header lacks the column voter-id")]
    [InlineData("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7\n", "votes.csv line 2: the record has 4 fields")]
    [InlineData("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,\"7\"x,1\n", "votes.csv line 2:")]
    [InlineData("", "votes.csv line 1: the file is empty")]
    public void A_malformed_votes_file_is_an_error_naming_file_and_line(string votes, string message)
    {
        var read = PolisExport.Read(votes, Comments, Participants);

        Assert.Equal(ErrorKind.Invalid, read.Error!.Kind);
        Assert.Equal("votes.csv", read.Error.Field);
        Assert.StartsWith(message, read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_group_id_names_the_participants_file()
    {
        var read = PolisExport.Read("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7,1\n", Comments, Participants + "11,,A,0,0,0,0,,\n");

        Assert.StartsWith("participants-votes.csv line 4: group-id", read.Error!.Message, StringComparison.Ordinal);
    }
}
