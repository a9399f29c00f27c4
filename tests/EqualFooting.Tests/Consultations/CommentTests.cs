using EqualFooting.Common;
using EqualFooting.Consultations;
using Microsoft.Extensions.Time.Testing;

namespace EqualFooting.Tests.Consultations;

public class CommentTests
{
    private static readonly CommentAuthor Ana = new(ParticipantId: 7, StakeholderGroupId: 3, RegionId: 4);
    private static readonly CommentAuthor Kofi = new(ParticipantId: 9, StakeholderGroupId: 1, RegionId: 1);

    private static readonly DateTimeOffset ClosesAt = new(2026, 12, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_comment_records_its_author_group_region_and_target()
    {
        var comment = Submit("Paragraph 12 should mention accessibility for persons with disabilities.", paragraphId: 12);

        Assert.Equal((7, 3, 4), (comment.AuthorParticipantId, comment.StakeholderGroupId, comment.RegionId));
        Assert.Equal((1, 2, (int?)12), (comment.ConsultationId, comment.VersionNumber, comment.ParagraphId));
        Assert.Equal(_time.GetUtcNow(), comment.CreatedAt);
        Assert.False(comment.IsReply);
    }

    [Fact]
    public void A_comment_entered_on_behalf_of_someone_carries_their_name_group_and_region()
    {
        var author = Ana with { StakeholderGroupId = 1, RegionId = 2, AffiliationId = null, Name = " Rafael Lima ", Country = "BR" };

        var comment = Comment.Submit(author, new CommentSubmission(1, 2, null, "Sent by post.", CommentChannel.BulkImport, "k1"), _time.GetUtcNow()).Value;

        Assert.Equal((7, 1, 2, "Rafael Lima", "BR"), (comment.AuthorParticipantId, comment.StakeholderGroupId, comment.RegionId, comment.AuthorName, comment.AuthorCountry));
        Assert.Null(Submit("Mine.", paragraphId: null).AuthorName);
    }

    [Fact]
    public void A_comment_entered_on_behalf_needs_the_authors_name_and_keeps_its_key_to_that_author()
    {
        var nameless = Comment.Submit(Ana with { Name = " " }, new CommentSubmission(1, 2, null, "Text", CommentChannel.BulkImport), _time.GetUtcNow());
        var first = Comment.Submit(Ana with { Name = "A" }, new CommentSubmission(1, 2, null, "Text", CommentChannel.BulkImport, "k"), _time.GetUtcNow()).Value;
        var sameKeyOtherAuthor = Comment.Submit(Ana with { Name = "B" }, new CommentSubmission(1, 2, null, "Text", CommentChannel.BulkImport, "k"), _time.GetUtcNow(), first);
        var resent = Comment.Submit(Ana with { Name = "A" }, new CommentSubmission(1, 2, null, "Text", CommentChannel.BulkImport, "k"), _time.GetUtcNow(), first);

        Assert.Equal("author", nameless.Error?.Field);
        Assert.Equal(ErrorKind.Conflict, sameKeyOtherAuthor.Error?.Kind);
        Assert.Same(first, resent.Value);
    }

    [Fact]
    public void A_comment_may_address_the_whole_draft()
    {
        Assert.Null(Submit("The draft as a whole neglects the technical community.", paragraphId: null).ParagraphId);
    }

    [Theory]
    [InlineData(null, "text")]
    [InlineData("   ", "text")]
    [InlineData("bell\a", "text")]
    public void Invalid_text_is_refused(string? text, string field)
    {
        var result = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, text, CommentChannel.WebForm), _time.GetUtcNow());

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal(field, result.Error?.Field);
    }

    [Theory]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void Text_is_limited_to_ten_thousand_characters(int length, bool accepted)
    {
        var result = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, new string('a', length), CommentChannel.Api), _time.GetUtcNow());

        Assert.Equal(accepted, result.IsSuccess);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(2, 0)]
    public void Version_and_paragraph_must_be_real(int version, int paragraph)
    {
        var result = Comment.Submit(Ana, new CommentSubmission(1, version, paragraph, "Text", CommentChannel.WebForm), _time.GetUtcNow());

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
    }

    [Fact]
    public void Text_is_trimmed()
    {
        Assert.Equal("Support.", Submit("  Support.\n").Text);
    }

    [Fact]
    public void Replies_inherit_the_target_and_go_one_level_deep()
    {
        var comment = Submit("Should cover IPv6 deployment.", paragraphId: 8);

        var reply = Comment.Reply(comment, Kofi, new ReplySubmission("Agreed, and DNSSEC too.", CommentChannel.WebForm), _time.GetUtcNow()).Value;
        var replyToReply = Comment.Reply(reply, Ana, new ReplySubmission("Thanks.", CommentChannel.WebForm), _time.GetUtcNow());

        Assert.True(reply.IsReply);
        Assert.Equal((comment.ConsultationId, comment.VersionNumber, comment.ParagraphId), (reply.ConsultationId, reply.VersionNumber, reply.ParagraphId));
        Assert.Equal((1, 1), (reply.StakeholderGroupId, reply.RegionId));
        Assert.Equal(ErrorKind.Invalid, replyToReply.Error?.Kind);
    }

    [Fact]
    public void A_withdrawn_comment_cannot_be_answered()
    {
        var comment = Submit("Text");
        comment.Withdraw(Ana.ParticipantId, _time.GetUtcNow(), ClosesAt);

        var reply = Comment.Reply(comment, Kofi, new ReplySubmission("Why?", CommentChannel.WebForm), _time.GetUtcNow());

        Assert.Equal(ErrorKind.Conflict, reply.Error?.Kind);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(14, null)]
    [InlineData(15, null)]
    [InlineData(16, ErrorKind.Conflict)]
    public void The_author_may_edit_within_fifteen_minutes(int minutes, ErrorKind? expected)
    {
        var comment = Submit("Teh draft should protect privacy.");
        _time.Advance(TimeSpan.FromMinutes(minutes));

        var error = comment.Edit(Ana.ParticipantId, "The draft should protect privacy.", _time.GetUtcNow(), ClosesAt);

        Assert.Equal(expected, error?.Kind);
    }

    [Fact]
    public void Edits_keep_the_earlier_texts()
    {
        var created = _time.GetUtcNow();
        var comment = Submit("First text.");
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(comment.Edit(Ana.ParticipantId, "Second text.", _time.GetUtcNow(), ClosesAt));
        var firstEdit = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.Null(comment.Edit(Ana.ParticipantId, "Third text.", _time.GetUtcNow(), ClosesAt));

        Assert.Equal("Third text.", comment.Text);
        Assert.Equal(_time.GetUtcNow(), comment.EditedAt);
        Assert.Equal([new CommentEdit("First text.", created), new CommentEdit("Second text.", firstEdit)], comment.Edits);
    }

    [Fact]
    public void Saving_the_same_text_is_not_an_edit()
    {
        var comment = Submit("Same.");

        Assert.Null(comment.Edit(Ana.ParticipantId, " Same. ", _time.GetUtcNow(), ClosesAt));
        Assert.Empty(comment.Edits);
        Assert.Null(comment.EditedAt);
    }

    [Fact]
    public void Only_the_author_edits_or_withdraws()
    {
        var comment = Submit("Mine.");

        Assert.Equal(ErrorKind.Forbidden, comment.Edit(Kofi.ParticipantId, "Yours.", _time.GetUtcNow(), ClosesAt)?.Kind);
        Assert.Equal(ErrorKind.Forbidden, comment.Withdraw(Kofi.ParticipantId, _time.GetUtcNow(), ClosesAt)?.Kind);
        Assert.Equal("Mine.", comment.Text);
    }

    [Fact]
    public void Once_the_consultation_has_closed_a_comment_is_on_its_record_and_neither_edited_nor_withdrawn()
    {
        var comment = Submit("Written in time.");
        var closed = _time.GetUtcNow().AddMinutes(5);
        _time.Advance(TimeSpan.FromMinutes(5));

        var edit = comment.Edit(Ana.ParticipantId, "Changed after the close.", _time.GetUtcNow(), closed);
        var withdraw = comment.Withdraw(Ana.ParticipantId, _time.GetUtcNow(), closed);

        Assert.Equal(ErrorKind.Conflict, edit?.Kind);
        Assert.Equal(ErrorKind.Conflict, withdraw?.Kind);
        Assert.Contains("can no longer be edited or withdrawn", withdraw?.Message);
        Assert.Equal(("Written in time.", false), (comment.Text, comment.IsWithdrawn));
        Assert.Equal(ErrorKind.Forbidden, comment.Withdraw(Kofi.ParticipantId, _time.GetUtcNow(), closed)?.Kind);
    }

    [Fact]
    public void Withdrawing_leaves_a_tombstone_without_the_text()
    {
        var comment = Submit("Draft one.");
        comment.Edit(Ana.ParticipantId, "Draft two.", _time.GetUtcNow(), ClosesAt);
        _time.Advance(TimeSpan.FromHours(3));

        Assert.Null(comment.Withdraw(Ana.ParticipantId, _time.GetUtcNow(), ClosesAt));
        Assert.Null(comment.Withdraw(Ana.ParticipantId, _time.GetUtcNow().AddHours(1), ClosesAt));

        Assert.True(comment.IsWithdrawn);
        Assert.Equal(_time.GetUtcNow(), comment.WithdrawnAt);
        Assert.Equal("", comment.Text);
        Assert.Empty(comment.Edits);
        Assert.Equal(Ana.ParticipantId, comment.AuthorParticipantId);
        Assert.Equal(ErrorKind.Conflict, comment.Edit(Ana.ParticipantId, "Back.", _time.GetUtcNow(), ClosesAt)?.Kind);
        Assert.Equal(ErrorKind.Conflict, comment.RecordDisposition(Disposition.Noted, "Withdrawn.", "secretariat", _time.GetUtcNow())?.Kind);
    }

    [Fact]
    public void A_disposed_comment_can_be_neither_edited_nor_withdrawn()
    {
        var comment = Submit("Add a reference to the Tunis Agenda.");
        Assert.Null(comment.RecordDisposition(Disposition.Accepted, "Added to paragraph 3.", "committee", _time.GetUtcNow()));

        Assert.Equal(ErrorKind.Conflict, comment.Edit(Ana.ParticipantId, "Changed my mind.", _time.GetUtcNow(), ClosesAt)?.Kind);
        Assert.Equal(ErrorKind.Conflict, comment.Withdraw(Ana.ParticipantId, _time.GetUtcNow(), ClosesAt)?.Kind);
    }

    [Theory]
    [InlineData(Disposition.Accepted, true)]
    [InlineData(Disposition.PartlyAccepted, true)]
    [InlineData(Disposition.Noted, false)]
    [InlineData(Disposition.NotAccepted, false)]
    [InlineData(Disposition.OutOfScope, false)]
    public void Dispositions_carry_a_reason_and_say_whether_the_input_was_taken_into_account(Disposition disposition, bool takenIntoAccount)
    {
        var comment = Submit("Text");

        Assert.Null(comment.RecordDisposition(disposition, "  Because.  ", "committee", _time.GetUtcNow()));

        Assert.Equal(new CommentDisposition(disposition, "Because.", "committee", _time.GetUtcNow()), comment.CurrentDisposition);
        Assert.Equal(takenIntoAccount, comment.CurrentDisposition!.TakenIntoAccount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_disposition_needs_a_reason(string? reason)
    {
        var comment = Submit("Text");

        Assert.Equal("reason", comment.RecordDisposition(Disposition.NotAccepted, reason, "committee", _time.GetUtcNow())?.Field);
        Assert.Null(comment.CurrentDisposition);
    }

    [Theory]
    [InlineData(2_000, true)]
    [InlineData(2_001, false)]
    public void A_reason_is_limited(int length, bool accepted)
    {
        var comment = Submit("Text");

        Assert.Equal(accepted, comment.RecordDisposition(Disposition.Noted, new string('r', length), "committee", _time.GetUtcNow()) is null);
    }

    [Fact]
    public void An_unknown_disposition_is_refused()
    {
        Assert.Equal("disposition", Submit("Text").RecordDisposition((Disposition)42, "Why", "committee", _time.GetUtcNow())?.Field);
    }

    [Fact]
    public void A_revised_disposition_keeps_the_first_one()
    {
        var comment = Submit("Text");
        comment.RecordDisposition(Disposition.NotAccepted, "Out of time.", "committee", _time.GetUtcNow());
        comment.RecordDisposition(Disposition.NotAccepted, "Out of time.", "committee", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromDays(2));
        comment.RecordDisposition(Disposition.PartlyAccepted, "Reconsidered on appeal; see paragraph 4.", "committee", _time.GetUtcNow());

        Assert.Equal([Disposition.NotAccepted, Disposition.PartlyAccepted], comment.Dispositions.Select(d => d.Disposition));
        Assert.Equal(Disposition.PartlyAccepted, comment.CurrentDisposition?.Disposition);
    }

    [Fact]
    public void Replies_get_no_disposition()
    {
        var comment = Submit("Text");
        var reply = Comment.Reply(comment, Kofi, new ReplySubmission("Reply", CommentChannel.WebForm), _time.GetUtcNow()).Value;

        Assert.Equal(ErrorKind.Conflict, reply.RecordDisposition(Disposition.Noted, "Noted.", "committee", _time.GetUtcNow())?.Kind);
    }

    [Fact]
    public void The_same_key_and_content_returns_the_same_comment()
    {
        var first = SubmitApi("Batch comment one.", "batch-17/1");

        var again = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, "Batch comment one.", CommentChannel.Api, "batch-17/1"), _time.GetUtcNow(), first);

        Assert.Same(first, again.Value);
    }

    [Fact]
    public void The_same_key_with_different_content_is_a_conflict()
    {
        var first = SubmitApi("Batch comment one.", "batch-17/1");

        var otherText = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, "Batch comment two.", CommentChannel.Api, "batch-17/1"), _time.GetUtcNow(), first);
        var otherParagraph = Comment.Submit(Ana, new CommentSubmission(1, 2, 6, "Batch comment one.", CommentChannel.Api, "batch-17/1"), _time.GetUtcNow(), first);

        Assert.Equal((ErrorKind.Conflict, "idempotencyKey"), (otherText.Error?.Kind, otherText.Error?.Field));
        Assert.Equal(ErrorKind.Conflict, otherParagraph.Error?.Kind);
    }

    [Fact]
    public void A_resent_request_is_recognised_after_the_author_corrected_the_comment()
    {
        var first = SubmitApi("Orignal text.", "k1");
        first.Edit(Ana.ParticipantId, "Original text.", _time.GetUtcNow(), ClosesAt);

        var again = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, "Orignal text.", CommentChannel.Api, "k1"), _time.GetUtcNow(), first);

        Assert.Same(first, again.Value);
    }

    [Fact]
    public void A_resent_request_for_a_withdrawn_comment_is_a_conflict()
    {
        var first = SubmitApi("Text.", "k1");
        first.Withdraw(Ana.ParticipantId, _time.GetUtcNow(), ClosesAt);

        var again = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, "Text.", CommentChannel.Api, "k1"), _time.GetUtcNow(), first);

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
    }

    [Fact]
    public void Replies_are_idempotent_too()
    {
        var comment = Submit("Text");
        var reply = Comment.Reply(comment, Kofi, new ReplySubmission("Reply", CommentChannel.Api, "r1"), _time.GetUtcNow()).Value;

        var again = Comment.Reply(comment, Kofi, new ReplySubmission("Reply", CommentChannel.Api, "r1"), _time.GetUtcNow(), reply);
        var different = Comment.Reply(comment, Kofi, new ReplySubmission("Other reply", CommentChannel.Api, "r1"), _time.GetUtcNow(), reply);

        Assert.Same(reply, again.Value);
        Assert.Equal(ErrorKind.Conflict, different.Error?.Kind);
    }

    [Fact]
    public void Idempotency_keys_are_limited()
    {
        var result = Comment.Submit(Ana, new CommentSubmission(1, 2, 5, "Text", CommentChannel.Api, new string('k', 101)), _time.GetUtcNow());

        Assert.Equal("idempotencyKey", result.Error?.Field);
    }

    [Fact]
    public void Another_authors_earlier_comment_is_a_programming_error()
    {
        var first = SubmitApi("Text.", "k1");

        Assert.Throws<ArgumentException>(() =>
            Comment.Submit(Kofi, new CommentSubmission(1, 2, 5, "Text.", CommentChannel.Api, "k1"), _time.GetUtcNow(), first));
    }

    private Comment Submit(string text, int? paragraphId = 5) =>
        Comment.Submit(Ana, new CommentSubmission(1, 2, paragraphId, text, CommentChannel.WebForm), _time.GetUtcNow()).Value;

    private Comment SubmitApi(string text, string key) =>
        Comment.Submit(Ana, new CommentSubmission(1, 2, 5, text, CommentChannel.Api, key), _time.GetUtcNow()).Value;
}
