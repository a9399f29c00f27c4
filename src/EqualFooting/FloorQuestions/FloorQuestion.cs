using EqualFooting.Common;

namespace EqualFooting.FloorQuestions;

public enum QuestionStatus
{
    /// <summary>Held for a moderator's review before it shows.</summary>
    Pending,
    Approved,
    Answered,

    /// <summary>A duplicate folded into another question; its votes count there.</summary>
    Merged,
}

/// <summary>
/// A question from the floor, for a session's speakers or for a body's leaders, asked by a participant under the
/// stakeholder group and region they held then. Participants upvote it (one vote each, kept as rows so every count
/// splits by group); moderators approve it, merge duplicates into it and mark it answered by an intervention.
/// </summary>
public sealed class FloorQuestion
{
    public const int TextMax = 1_000;
    public const int AddresseeMax = 200;

    private FloorQuestion()
    {
        Text = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public int? SessionId { get; private set; }

    /// <summary>Whom it is for when not a session's speakers ("the ICANN Board").</summary>
    public string? Addressee { get; private set; }

    public string Text { get; private set; }

    public int AskerParticipantId { get; private set; }

    public int AskerGroupId { get; private set; }

    public int AskerRegionId { get; private set; }

    public DateTimeOffset AskedAt { get; private set; }

    public QuestionStatus Status { get; private set; }

    public int? MergedIntoId { get; private set; }

    public int? AnsweredInSessionId { get; private set; }

    public long? AnsweredByIntervention { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public static Result<FloorQuestion> Ask(int processId, int? sessionId, string? addressee, string? text, int participantId, int groupId, int regionId, bool holdForReview, DateTimeOffset now)
    {
        var clean = Common.Text.Required("text", text, TextMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        var to = Common.Text.Optional("addressee", addressee, AddresseeMax);
        if (to.Error is { } badTo)
        {
            return badTo;
        }

        return new FloorQuestion
        {
            ProcessId = processId,
            SessionId = sessionId,
            Addressee = to.Value,
            Text = clean.Value,
            AskerParticipantId = participantId,
            AskerGroupId = groupId,
            AskerRegionId = regionId,
            AskedAt = now,
            Status = holdForReview ? QuestionStatus.Pending : QuestionStatus.Approved,
        };
    }

    public bool AcceptsVotes => Status is QuestionStatus.Approved;

    public Result<bool> Approve()
    {
        if (Status == QuestionStatus.Approved)
        {
            return false;
        }

        if (Status != QuestionStatus.Pending)
        {
            return Error.Conflict("Only a question held for review can be approved.");
        }

        Status = QuestionStatus.Approved;
        return true;
    }

    public Result<bool> Hold()
    {
        if (Status == QuestionStatus.Pending)
        {
            return false;
        }

        if (Status != QuestionStatus.Approved)
        {
            return Error.Conflict("An answered or merged question cannot be held for review.");
        }

        Status = QuestionStatus.Pending;
        return true;
    }

    /// <summary>Folds this duplicate into <paramref name="into"/>, which must be another open question of the same place.</summary>
    public Result<bool> MergeInto(FloorQuestion into)
    {
        if (into.Id == Id)
        {
            return Error.Invalid("into", "A question cannot be merged into itself.");
        }

        if (into.ProcessId != ProcessId || into.SessionId != SessionId || into.Status is QuestionStatus.Merged)
        {
            return Error.Invalid("into", "Merge into another open question asked in the same place.");
        }

        if (Status == QuestionStatus.Merged)
        {
            return into.Id == MergedIntoId ? false : Error.Conflict("This question was already merged into another.");
        }

        Status = QuestionStatus.Merged;
        MergedIntoId = into.Id;
        return true;
    }

    /// <summary>Marks the question answered by an intervention of <paramref name="sessionId"/> (checked by the caller to exist there).</summary>
    public Result<bool> MarkAnswered(int sessionId, long intervention, DateTimeOffset now)
    {
        if (SessionId is { } own && own != sessionId)
        {
            return Error.Invalid("intervention", "The answer must be an intervention of the session the question was asked in.");
        }

        if (Status == QuestionStatus.Merged)
        {
            return Error.Conflict("A merged question is answered with the question it was merged into.");
        }

        if (Status == QuestionStatus.Answered && AnsweredInSessionId == sessionId && AnsweredByIntervention == intervention)
        {
            return false;
        }

        Status = QuestionStatus.Answered;
        AnsweredInSessionId = sessionId;
        AnsweredByIntervention = intervention;
        AnsweredAt = now;
        return true;
    }
}

/// <summary>One participant's upvote of a question, under their stakeholder group and region; the key makes a second vote a no-op.</summary>
public sealed class QuestionVote
{
    private QuestionVote()
    {
    }

    public int QuestionId { get; private set; }

    public int ParticipantId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public DateTimeOffset VotedAt { get; private set; }

    public static QuestionVote Cast(int questionId, int participantId, int groupId, int regionId, DateTimeOffset now) => new()
    {
        QuestionId = questionId,
        ParticipantId = participantId,
        StakeholderGroupId = groupId,
        RegionId = regionId,
        VotedAt = now,
    };
}
