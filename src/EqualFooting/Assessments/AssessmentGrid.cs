using System.Globalization;
using EqualFooting.Common;

namespace EqualFooting.Assessments;

public enum GridStatus
{
    Open,
    Closed,
}

/// <summary>What a convener asks for when creating a grid.</summary>
/// <param name="DividedAt">A cell whose standard deviation reaches this is flagged as divided.</param>
/// <param name="BreakoutId">A breakout round of the process whose groups enter consensus values (group-consensus mode).</param>
public sealed record GridDefinition(
    string? Title,
    IReadOnlyList<string?>? Questions,
    int? ScaleMin = null,
    double? DividedAt = null,
    bool Anonymous = true,
    int? BreakoutId = null);

/// <summary>
/// An assessment (domain.md, item 5): Likert questions answered by every participant, region by region, and, when a
/// breakout round is attached, by each breakout group's rapporteur with the value the group agreed. The same grid can
/// be run again later as a new round (<see cref="PreviousId"/>) and the two compared cell by cell.
/// </summary>
public sealed class AssessmentGrid
{
    public const int TitleMax = 200;
    public const int QuestionMax = 500;
    public const int MaxQuestions = 20;
    public const int ScaleMax = 5;
    public const double DefaultDividedAt = 1.25;
    public const double MaxDividedAt = 5;

    private AssessmentGrid()
    {
        Title = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The questions, in order; answers name them by their index.</summary>
    public List<string> Questions { get; private set; } = [];

    /// <summary>The lowest point of the scale: 0 ("nothing's happening") or 1; the highest is always <see cref="ScaleMax"/>.</summary>
    public int ScaleMin { get; private set; }

    /// <summary>The standard deviation from which a cell is flagged as divided.</summary>
    public double DividedAt { get; private set; }

    /// <summary>Whether answers are anonymous: then cells under the process's minimum cell size are hidden, comments with them.</summary>
    public bool Anonymous { get; private set; }

    /// <summary>The breakout round whose groups give consensus values, if any.</summary>
    public int? BreakoutId { get; private set; }

    /// <summary>The grid this one runs again (the previous round), if any.</summary>
    public int? PreviousId { get; private set; }

    /// <summary>1 for a first run, then one more for each run again.</summary>
    public int Round { get; private set; }

    public GridStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Moves with every change and every answer: the row answers claim, so none passes the close.</summary>
    public long Version { get; private set; }

    public bool IsOpen => Status == GridStatus.Open;

    public static Result<AssessmentGrid> Create(int processId, GridDefinition definition, DateTimeOffset now)
    {
        var title = Text.Required("title", definition.Title, TitleMax);
        if (title.Error is { } badTitle)
        {
            return badTitle;
        }

        var questions = new List<string>();
        foreach (var q in definition.Questions ?? [])
        {
            var clean = Text.Optional("questions", q, QuestionMax);
            if (clean.Error is { } badQuestion)
            {
                return badQuestion;
            }

            if (clean.Value is { } question)
            {
                questions.Add(question);
            }
        }

        if (questions.Count is 0 or > MaxQuestions)
        {
            return Error.Invalid("questions", $"Give between 1 and {MaxQuestions} questions.");
        }

        var min = definition.ScaleMin ?? 0;
        if (min is not (0 or 1))
        {
            return Error.Invalid("scaleMin", "A scale starts at 0 or at 1 and ends at 5.");
        }

        var dividedAt = definition.DividedAt ?? DefaultDividedAt;
        if (double.IsNaN(dividedAt) || dividedAt <= 0 || dividedAt > MaxDividedAt)
        {
            return Error.Invalid("dividedAt", string.Create(CultureInfo.InvariantCulture, $"The threshold for a divided cell is a standard deviation above 0 and at most {MaxDividedAt}."));
        }

        return new AssessmentGrid
        {
            ProcessId = processId,
            Title = title.Value,
            Questions = questions,
            ScaleMin = min,
            DividedAt = dividedAt,
            Anonymous = definition.Anonymous,
            BreakoutId = definition.BreakoutId,
            Round = 1,
            Status = GridStatus.Open,
            CreatedAt = now,
        };
    }

    /// <summary>The same questions and settings as a new, open round that remembers this one; answers start afresh.</summary>
    /// <param name="breakoutId">The new round's breakout round, if its groups give consensus values (the old round's groups have met already).</param>
    public AssessmentGrid RunAgain(int? breakoutId, DateTimeOffset now) => new()
    {
        ProcessId = ProcessId,
        Title = Title,
        Questions = [.. Questions],
        ScaleMin = ScaleMin,
        DividedAt = DividedAt,
        Anonymous = Anonymous,
        BreakoutId = breakoutId,
        PreviousId = Id,
        Round = Round + 1,
        Status = GridStatus.Open,
        CreatedAt = now,
    };

    public bool Close(DateTimeOffset now)
    {
        if (Status == GridStatus.Closed)
        {
            return false;
        }

        Status = GridStatus.Closed;
        ClosedAt = now;
        Version++;
        return true;
    }

    /// <summary>Checks one rating against the grid: a question it has and a point of its scale.</summary>
    public Result<GridRating> Read(int? question, int? rating, string? comment, string commentField = "comment")
    {
        if (question is not { } q || q < 0 || q >= Questions.Count)
        {
            return Error.Invalid("question", $"Name a question of this grid, from 0 to {Questions.Count - 1}.");
        }

        if (rating is not { } r || r < ScaleMin || r > ScaleMax)
        {
            return Error.Invalid("rating", $"Give a rating from {ScaleMin} to {ScaleMax}.");
        }

        var clean = Text.Optional(commentField, comment, GridAnswer.CommentMax);
        return clean.Error is { } badComment ? badComment : new GridRating(q, r, clean.Value);
    }

    /// <summary>Checks a whole set of ratings: each question at most once.</summary>
    public Result<IReadOnlyList<GridRating>> ReadAll(IReadOnlyList<(int? Question, int? Rating, string? Comment)>? ratings, string commentField = "comment")
    {
        if (ratings is null or { Count: 0 })
        {
            return Error.Invalid("answers", "Rate at least one question.");
        }

        var read = new List<GridRating>();
        foreach (var (question, rating, comment) in ratings)
        {
            var one = Read(question, rating, comment, commentField);
            if (one.Error is { } error)
            {
                return error;
            }

            if (read.Any(r => r.Question == one.Value.Question))
            {
                return Error.Invalid("question", "Rate each question once.");
            }

            read.Add(one.Value);
        }

        return read;
    }
}

/// <summary>One rating checked against its grid.</summary>
public sealed record GridRating(int Question, int Rating, string? Comment);
