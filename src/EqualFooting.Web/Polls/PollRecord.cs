using EqualFooting.Polls;
using EqualFooting.Record;

namespace EqualFooting.Web.Polls;

/// <summary>The record entries of polls. A ballot's entry names its poll and ballot; what it says is recorded only in named polls.</summary>
public static class PollRecord
{
    public static readonly RecordAction<PollEntry> Created = new("poll.created", "opened a poll");
    public static readonly RecordAction<PollSettingsEntry> SettingsChanged = new("poll.settings-changed", "changed a poll's settings");
    public static readonly RecordAction<PollLabelsEntry> Relabelled = new("poll.relabelled", "relabelled a poll's scale");
    public static readonly RecordAction<PollClosedEntry> Closed = new("poll.closed", "closed a poll");
    public static readonly RecordAction<BallotEntry> BallotCast = new("poll.ballot-cast", "cast a ballot");
    public static readonly RecordAction<BallotEntry> BallotChanged = new("poll.ballot-changed", "changed a ballot");
    public static readonly RecordAction<HandCountEntry> HandsCounted = new("poll.hands-counted", "counted a show of hands");

    public static IEnumerable<RecordAction> All => [Created, SettingsChanged, Relabelled, Closed, BallotCast, BallotChanged, HandsCounted];
}

public sealed record PollEntry(int Poll, int? Session, PollKind Kind, string Question, IReadOnlyList<string> Categories, bool Anonymous, bool ResultsWhileOpen, DateTimeOffset? ClosesAt);

public sealed record PollSettingsEntry(int Poll, bool Anonymous, bool ResultsWhileOpen);

public sealed record PollLabelsEntry(int Poll, IReadOnlyList<string> Labels);

/// <summary>The poll's counts when it closed: ballots and hand counts overall, each per category, kept apart.</summary>
public sealed record PollClosedEntry(int Poll, int? Session, int Ballots, IReadOnlyList<int>? BallotCounts, int Hands, IReadOnlyList<int>? HandCounts);

/// <param name="Choices">Only in named polls: the categories the ballot counts in.</param>
public sealed record BallotEntry(int Poll, long Ballot, IReadOnlyList<int>? Choices);

public sealed record HandCountEntry(int Poll, int StakeholderGroup, int? Region, IReadOnlyList<int> Counts);
