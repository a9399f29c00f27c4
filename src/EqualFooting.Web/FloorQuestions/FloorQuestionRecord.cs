using EqualFooting.FloorQuestions;
using EqualFooting.Record;

namespace EqualFooting.Web.FloorQuestions;

/// <summary>The record entries of questions from the floor: by ids only; the question's text is read from its row.</summary>
public static class FloorQuestionRecord
{
    public static readonly RecordAction<QuestionEntry> Asked = new("question.asked", "asked a question from the floor");
    public static readonly RecordAction<QuestionEntry> Upvoted = new("question.upvoted", "upvoted a question");
    public static readonly RecordAction<QuestionEntry> Approved = new("question.approved", "approved a question");
    public static readonly RecordAction<QuestionEntry> Held = new("question.held", "held a question for review");
    public static readonly RecordAction<QuestionMergedEntry> Merged = new("question.merged", "merged a duplicate question");
    public static readonly RecordAction<QuestionAnsweredEntry> Answered = new("question.answered", "marked a question answered");

    public static IEnumerable<RecordAction> All => [Asked, Upvoted, Approved, Held, Merged, Answered];
}

public sealed record QuestionEntry(int Question, int? Session, QuestionStatus Status);

public sealed record QuestionMergedEntry(int Question, int Into);

public sealed record QuestionAnsweredEntry(int Question, int Session, long Intervention);
