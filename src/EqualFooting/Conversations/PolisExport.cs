using System.Globalization;
using EqualFooting.Common;

namespace EqualFooting.Conversations;

/// <summary>A statement of a Pol.is export: its id there, author and text, and its line in comments.csv (0 when the export had none); moderated out ones are not kept.</summary>
public sealed record PolisStatement(int CommentId, int AuthorId, string Text, int Line = 0);

/// <summary>
/// A Pol.is conversation read from its export: the vote matrix (participants and statements numbered densely, in the
/// order of their Pol.is ids), the Pol.is ids of both, and the opinion group Pol.is assigned each participant it clustered.
/// </summary>
public sealed record PolisConversation(VoteMatrix Matrix, IReadOnlyList<int> VoterIds, IReadOnlyList<PolisStatement> Statements, IReadOnlyDictionary<int, int> PolisGroups);

/// <summary>
/// Reads the files of a Pol.is export (the format of compdemocracy.org's open data): <c>votes.csv</c> is the source
/// (<c>timestamp,datetime,comment-id,voter-id,vote</c>; a later vote by the same participant on the same statement
/// replaces an earlier one), <c>comments.csv</c> names the statements and which were moderated out (<c>moderated</c> −1),
/// and <c>participants-votes.csv</c> holds Pol.is's own <c>group-id</c>. Columns are found by name, so extra columns
/// (some exports add <c>xid</c>) do no harm. Any fault is an error naming the file and the line.
/// </summary>
public static class PolisExport
{
    public const string VotesFile = "votes.csv";
    public const string CommentsFile = "comments.csv";
    public const string ParticipantsFile = "participants-votes.csv";

    /// <param name="comments">The text of comments.csv, or null when the export has none (every voted statement is kept, without text).</param>
    /// <param name="participants">The text of participants-votes.csv, or null (no Pol.is groups to compare with).</param>
    public static Result<PolisConversation> Read(string votes, string? comments, string? participants)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var statements = new Dictionary<int, PolisStatement>();
        var moderatedOut = new HashSet<int>();
        if (comments is not null)
        {
            var error = ReadComments(comments, statements, moderatedOut);
            if (error is not null)
            {
                return error;
            }
        }

        var raw = new List<(long Time, int Order, int Comment, int Voter, VoteChoice Choice)>();
        var table = Table(VotesFile, votes, ["timestamp", "comment-id", "voter-id", "vote"]);
        if (table.Error is { } tableError)
        {
            return tableError;
        }

        foreach (var (line, get) in table.Value)
        {
            if (!Long(get("timestamp"), out var time) || !Int(get("comment-id"), out var comment) || !Int(get("voter-id"), out var voter))
            {
                return Fault(VotesFile, line, "timestamp, comment-id and voter-id must be whole numbers.");
            }

            if (!Int(get("vote"), out var vote) || vote is < -1 or > 1)
            {
                return Fault(VotesFile, line, $"vote must be 1 (agree), -1 (disagree) or 0 (pass), not '{get("vote")}'.");
            }

            if (moderatedOut.Contains(comment) || (comments is not null && !statements.ContainsKey(comment)))
            {
                continue;
            }

            raw.Add((time, raw.Count, comment, voter, (VoteChoice)vote));
        }

        // Later replaces earlier: order by time (the file's order breaks ties), and the matrix keeps the last of repeats.
        raw.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        var voterIds = raw.Select(v => v.Voter).Distinct().Order().ToList();
        var commentIds = comments is not null ? statements.Keys.Order().ToList() : raw.Select(v => v.Comment).Distinct().Order().ToList();
        var voterIndex = voterIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var commentIndex = commentIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var matrix = VoteMatrix.Build(voterIds.Count, commentIds.Count, raw.Select(v => new CastVote(voterIndex[v.Voter], commentIndex[v.Comment], v.Choice)).ToList());
        var list = commentIds.Select(id => statements.TryGetValue(id, out var s) ? s : new PolisStatement(id, -1, "")).ToList();

        var groups = new Dictionary<int, int>();
        if (participants is not null)
        {
            var people = Table(ParticipantsFile, participants, ["participant", "group-id"]);
            if (people.Error is { } peopleError)
            {
                return peopleError;
            }

            foreach (var (line, get) in people.Value)
            {
                if (!Int(get("participant"), out var participant))
                {
                    return Fault(ParticipantsFile, line, $"participant must be a whole number, not '{get("participant")}'.");
                }

                var group = get("group-id");
                if (group.Length == 0)
                {
                    continue;
                }

                if (!Int(group, out var g))
                {
                    return Fault(ParticipantsFile, line, $"group-id must be a whole number or empty, not '{group}'.");
                }

                groups[participant] = g;
            }
        }

        return new PolisConversation(matrix, voterIds, list, groups);
    }

    private static Error? ReadComments(string text, Dictionary<int, PolisStatement> statements, HashSet<int> moderatedOut)
    {
        var table = Table(CommentsFile, text, ["comment-id", "author-id", "moderated", "comment-body"]);
        if (table.Error is { } error)
        {
            return error;
        }

        foreach (var (line, get) in table.Value)
        {
            if (!Int(get("comment-id"), out var id) || !Int(get("author-id"), out var author) || !Int(get("moderated"), out var moderated))
            {
                return Fault(CommentsFile, line, "comment-id, author-id and moderated must be whole numbers.");
            }

            if (moderated == -1)
            {
                moderatedOut.Add(id);
            }
            else
            {
                statements[id] = new PolisStatement(id, author, get("comment-body"), line);
            }
        }

        return null;
    }

    /// <summary>The records after the header, each with its line and a getter by column name; an error for a missing column, a malformed record or a short row.</summary>
    private static Result<List<(int Line, Func<string, string> Get)>> Table(string file, string text, string[] required)
    {
        var rows = new List<(int, Func<string, string>)>();
        Dictionary<string, int>? columns = null;
        foreach (var record in Csv.Read(text))
        {
            if (record.Error is { } message)
            {
                return Fault(file, record.Line, message);
            }

            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    columns.TryAdd(record.Fields[i].Trim(), i);
                }

                var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    return Fault(file, record.Line, $"the header lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}.");
                }

                continue;
            }

            if (record.Fields.Count < required.Max(c => columns[c]) + 1)
            {
                return Fault(file, record.Line, $"the record has {record.Fields.Count} fields, fewer than the header's columns.");
            }

            var fields = record.Fields;
            var map = columns;
            rows.Add((record.Line, name => map.TryGetValue(name, out var at) && at < fields.Count ? fields[at].Trim() : ""));
        }

        if (columns is null)
        {
            return Fault(file, 1, "the file is empty; it needs a header line.");
        }

        return rows;
    }

    private static Error Fault(string file, int line, string message) => Error.Invalid(file, $"{file} line {line}: {message}");

    private static bool Int(string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool Long(string text, out long value) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
