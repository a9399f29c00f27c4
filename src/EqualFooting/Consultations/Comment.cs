using EqualFooting.Common;
using EqualFooting.Participation;

namespace EqualFooting.Consultations;

/// <summary>How a comment reached the consultation; the report and campaign detection may treat channels differently.</summary>
public enum CommentChannel
{
    WebForm,
    Api,
    BulkImport,
}

/// <summary>
/// Who wrote a comment and for which stakeholder group and region they spoke at the time. Copied onto the comment
/// because a later change of affiliation must not move old comments to another group in the report.
/// </summary>
/// <param name="Name">
/// For a comment entered on someone's behalf (sent by e-mail or on paper by a person without an account): their name.
/// The participant is then whoever entered it, and the group and region are the ones the author declared.
/// </param>
public sealed record CommentAuthor(int ParticipantId, int StakeholderGroupId, int RegionId, long? AffiliationId = null, string? Name = null, string? Country = null)
{
    public static CommentAuthor Of(Participant participant)
    {
        var current = participant.Current;
        return new CommentAuthor(participant.Id, current.StakeholderGroupId, current.RegionId, current.Id);
    }
}

/// <param name="ParagraphId">Null for a comment on the draft as a whole.</param>
/// <param name="IdempotencyKey">
/// Chosen by an API client for each comment of a batch, so a batch resent after a timeout does not post twice.
/// </param>
public sealed record CommentSubmission(
    int ConsultationId,
    int VersionNumber,
    int? ParagraphId,
    string? Text,
    CommentChannel Channel,
    string? IdempotencyKey = null);

public sealed record ReplySubmission(string? Text, CommentChannel Channel, string? IdempotencyKey = null);

/// <summary>An earlier text of an edited comment and when it had been written.</summary>
public sealed record CommentEdit(string Text, DateTimeOffset WrittenAt);

/// <summary>
/// A participant's comment on a paragraph of a draft version, or on the whole draft, and its life: replies one level
/// deep, a short window in which the author may correct it, withdrawal that leaves a tombstone so replies keep their
/// place, and the committee's dispositions. Authorisation beyond "only the author" is the caller's policy.
/// </summary>
public sealed class Comment
{
    public const int TextMax = 10_000;
    public const int IdempotencyKeyMax = 100;
    public const int CountryMax = 100;

    /// <summary>Long enough to fix a typo, short enough that nobody has answered a different text in the meantime.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    private static Error Closed => Error.Conflict("The consultation has closed: its comments are now part of its record and can no longer be edited or withdrawn.");

    private readonly List<CommentEdit> _edits = [];
    private readonly List<CommentDisposition> _dispositions = [];

    private Comment()
    {
        Text = "";
    }

    public long Id { get; private set; }

    public int ConsultationId { get; private set; }

    public int VersionNumber { get; private set; }

    /// <summary>Null when the comment is on the whole draft.</summary>
    public int? ParagraphId { get; private set; }

    /// <summary>The comment this one answers; replies have no replies of their own.</summary>
    public long? ParentId { get; private set; }

    public int AuthorParticipantId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public long? AffiliationId { get; private set; }

    /// <summary>The author's name when the comment was entered on their behalf; null when the participant wrote it.</summary>
    public string? AuthorName { get; private set; }

    /// <summary>The country an author without an account declared, if any.</summary>
    public string? AuthorCountry { get; private set; }

    public CommentChannel Channel { get; private set; }

    public string? IdempotencyKey { get; private set; }

    /// <summary>The current text; empty once withdrawn.</summary>
    public string Text { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>The campaign (form letter) this comment was last found to belong to; assigned by detection, set-based.</summary>
    public long? CampaignId { get; private set; }

    /// <summary>Earlier texts, oldest first.</summary>
    public IReadOnlyList<CommentEdit> Edits => _edits;

    /// <summary>Every disposition given, oldest first; the last one stands.</summary>
    public IReadOnlyList<CommentDisposition> Dispositions => _dispositions;

    public CommentDisposition? CurrentDisposition => _dispositions.Count == 0 ? null : _dispositions[^1];

    public bool IsReply => ParentId is not null;

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>
    /// A new comment, or — when <paramref name="earlierWithSameKey"/> (the author's comment already stored under the same
    /// idempotency key) is given — that earlier comment if the submission is the same, and a conflict if it differs.
    /// The caller tells a repeat from a new comment by reference.
    /// </summary>
    public static Result<Comment> Submit(CommentAuthor author, CommentSubmission submission, DateTimeOffset now, Comment? earlierWithSameKey = null)
    {
        if (submission.VersionNumber < 1)
        {
            return Error.Invalid("versionNumber", "Comment on a published version of the draft.");
        }

        if (submission.ParagraphId is < 1)
        {
            return Error.Invalid("paragraphId", "No such paragraph.");
        }

        var checkedInput = CheckInput(submission.Text, submission.Channel, submission.IdempotencyKey);
        if (checkedInput.Error is { } error)
        {
            return error;
        }

        var (text, key) = checkedInput.Value;
        string? name = null, country = null;
        if (author.Name is not null)
        {
            var cleanName = Common.Text.Required("author", author.Name, Common.Text.NameMax);
            if (cleanName.Error is { } e1)
            {
                return e1;
            }

            var cleanCountry = Common.Text.Optional("country", author.Country, CountryMax);
            if (cleanCountry.Error is { } e2)
            {
                return e2;
            }

            (name, country) = (cleanName.Value, cleanCountry.Value);
        }

        if (key is not null && earlierWithSameKey is not null)
        {
            return earlierWithSameKey.AuthorName != name
                ? Error.Conflict("This idempotency key was already used for a different comment.", "idempotencyKey")
                : Repeat(earlierWithSameKey, author, key, submission.ConsultationId, submission.VersionNumber, submission.ParagraphId, null, text);
        }

        return new Comment
        {
            ConsultationId = submission.ConsultationId,
            VersionNumber = submission.VersionNumber,
            ParagraphId = submission.ParagraphId,
            AuthorParticipantId = author.ParticipantId,
            StakeholderGroupId = author.StakeholderGroupId,
            RegionId = author.RegionId,
            AffiliationId = author.AffiliationId,
            AuthorName = name,
            AuthorCountry = country,
            Channel = submission.Channel,
            IdempotencyKey = key,
            Text = text,
            CreatedAt = now,
        };
    }

    /// <summary>A reply to <paramref name="parent"/>; same idempotency rules as <see cref="Submit"/>.</summary>
    public static Result<Comment> Reply(Comment parent, CommentAuthor author, ReplySubmission reply, DateTimeOffset now, Comment? earlierWithSameKey = null)
    {
        if (parent.IsReply)
        {
            return Error.Invalid("parentId", "Replies go one level deep: answer the original comment instead.");
        }

        var checkedInput = CheckInput(reply.Text, reply.Channel, reply.IdempotencyKey);
        if (checkedInput.Error is { } error)
        {
            return error;
        }

        var (text, key) = checkedInput.Value;
        if (key is not null && earlierWithSameKey is not null)
        {
            return Repeat(earlierWithSameKey, author, key, parent.ConsultationId, parent.VersionNumber, parent.ParagraphId, parent.Id, text);
        }

        if (parent.IsWithdrawn)
        {
            return Error.Conflict("This comment was withdrawn; it can no longer be answered.");
        }

        return new Comment
        {
            ConsultationId = parent.ConsultationId,
            VersionNumber = parent.VersionNumber,
            ParagraphId = parent.ParagraphId,
            ParentId = parent.Id,
            AuthorParticipantId = author.ParticipantId,
            StakeholderGroupId = author.StakeholderGroupId,
            RegionId = author.RegionId,
            AffiliationId = author.AffiliationId,
            Channel = reply.Channel,
            IdempotencyKey = key,
            Text = text,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Replaces the text, keeping the old one in <see cref="Edits"/>. Only the author, only within
    /// <see cref="EditWindow"/> of posting, not once the committee has disposed of it, and not once the consultation
    /// has closed (<paramref name="closesAt"/>). The same text changes nothing.
    /// </summary>
    public Error? Edit(int participantId, string? text, DateTimeOffset now, DateTimeOffset closesAt)
    {
        if (participantId != AuthorParticipantId)
        {
            return Error.Forbidden("Only the author can edit a comment.");
        }

        if (now >= closesAt)
        {
            return Closed;
        }

        if (IsWithdrawn)
        {
            return Error.Conflict("This comment was withdrawn.");
        }

        if (_dispositions.Count > 0)
        {
            return Error.Conflict("The committee has already answered this comment; post a new comment or a reply instead.");
        }

        if (now - CreatedAt > EditWindow)
        {
            return Error.Conflict($"Comments can be edited for {EditWindow.TotalMinutes:0} minutes after posting; post a reply to add to it.");
        }

        var clean = Common.Text.Required("text", text, TextMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        if (clean.Value == Text)
        {
            return null;
        }

        _edits.Add(new CommentEdit(Text, EditedAt ?? CreatedAt));
        Text = clean.Value;
        EditedAt = now;
        return null;
    }

    /// <summary>
    /// The author takes the comment back. Its text and earlier versions are erased; the comment stays as a tombstone so
    /// replies keep their context and counts stay explainable. A comment the committee has already answered cannot be
    /// withdrawn, because the next version of the draft may cite it, and neither can any comment once the consultation
    /// has closed (<paramref name="closesAt"/>): it is then part of the consultation's record, counted in its uptake
    /// report. Withdrawing twice changes nothing.
    /// </summary>
    public Error? Withdraw(int participantId, DateTimeOffset now, DateTimeOffset closesAt)
    {
        if (participantId != AuthorParticipantId)
        {
            return Error.Forbidden("Only the author can withdraw a comment.");
        }

        if (IsWithdrawn)
        {
            return null;
        }

        if (now >= closesAt)
        {
            return Closed;
        }

        if (_dispositions.Count > 0)
        {
            return Error.Conflict("The committee has already answered this comment, so it stays on the record.");
        }

        WithdrawnAt = now;
        Text = "";
        _edits.Clear();
        return null;
    }

    /// <summary>
    /// The committee's answer. Replies are discussion, not input to the draft, so they get none. Giving the same
    /// disposition with the same reason again changes nothing; anything else is added to the history.
    /// </summary>
    public Error? RecordDisposition(Disposition disposition, string? reason, string decidedBy, DateTimeOffset now)
    {
        if (IsReply)
        {
            return Error.Conflict("Replies are discussion; dispositions are given to the comments they answer.");
        }

        if (IsWithdrawn)
        {
            return Error.Conflict("This comment was withdrawn.");
        }

        var created = CommentDisposition.Create(disposition, reason, decidedBy, now);
        if (created.Error is { } error)
        {
            return error;
        }

        if (CurrentDisposition is { } current && current.Disposition == disposition && current.Reason == created.Value.Reason)
        {
            return null;
        }

        _dispositions.Add(created.Value);
        return null;
    }

    private static Result<(string Text, string? Key)> CheckInput(string? text, CommentChannel channel, string? idempotencyKey)
    {
        if (!Enum.IsDefined(channel))
        {
            return Error.Invalid("channel", "Unknown channel.");
        }

        var clean = Common.Text.Required("text", text, TextMax);
        if (clean.Error is { } e1)
        {
            return e1;
        }

        var key = Common.Text.Optional("idempotencyKey", idempotencyKey, IdempotencyKeyMax);
        if (key.Error is { } e2)
        {
            return e2;
        }

        return (clean.Value, key.Value);
    }

    /// <summary>The text first submitted: what a resent request carries, even if the author corrected it since.</summary>
    private string SubmittedText => _edits.Count > 0 ? _edits[0].Text : Text;

    private static Result<Comment> Repeat(
        Comment earlier,
        CommentAuthor author,
        string key,
        int consultationId,
        int versionNumber,
        int? paragraphId,
        long? parentId,
        string text)
    {
        if (earlier.AuthorParticipantId != author.ParticipantId || earlier.IdempotencyKey != key)
        {
            throw new ArgumentException("The earlier comment must be the same author's, under the same key.", nameof(earlier));
        }

        if (earlier.IsWithdrawn)
        {
            return Error.Conflict("The comment sent with this idempotency key was withdrawn.", "idempotencyKey");
        }

        var same = earlier.ConsultationId == consultationId
            && earlier.VersionNumber == versionNumber
            && earlier.ParagraphId == paragraphId
            && earlier.ParentId == parentId
            && earlier.SubmittedText == text;
        return same
            ? earlier
            : Error.Conflict("This idempotency key was already used for a different comment.", "idempotencyKey");
    }
}
