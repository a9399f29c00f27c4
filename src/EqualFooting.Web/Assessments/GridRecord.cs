using EqualFooting.Record;

namespace EqualFooting.Web.Assessments;

/// <summary>The record entries of assessment grids. Individual ratings are recorded only in named grids; a breakout group's agreed values are public.</summary>
public static class GridRecord
{
    public static readonly RecordAction<GridEntry> Created = new("grid.created", "opened an assessment grid");
    public static readonly RecordAction<GridAnswersEntry> Answered = new("grid.answered", "answered an assessment grid");
    public static readonly RecordAction<GridConsensusEntry> ConsensusEntered = new("grid.consensus-entered", "entered a breakout group's agreed values");
    public static readonly RecordAction<GridClosedEntry> Closed = new("grid.closed", "closed an assessment grid");

    public static IEnumerable<RecordAction> All => [Created, Answered, ConsensusEntered, Closed];
}

/// <param name="DividedAt">The threshold as invariant text: the record holds no floating-point numbers (they have no one canonical form).</param>
/// <param name="Previous">The grid this one runs again, if any.</param>
public sealed record GridEntry(int Grid, string Title, IReadOnlyList<string> Questions, int ScaleMin, string DividedAt, bool Anonymous, int? Breakout, int? Previous, int Round);

/// <param name="Ratings">Only in named grids: the ratings given, in the order of <paramref name="Questions"/>.</param>
public sealed record GridAnswersEntry(int Grid, IReadOnlyList<int> Questions, IReadOnlyList<int>? Ratings);

public sealed record GridConsensusEntry(int Grid, int Breakout, int Group, IReadOnlyList<int> Questions, IReadOnlyList<int> Ratings);

/// <summary>How many answered each question when the grid closed.</summary>
public sealed record GridClosedEntry(int Grid, IReadOnlyList<int> Answers);
