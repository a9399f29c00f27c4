using System.Collections.Concurrent;
using System.Globalization;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>
/// A small notation for queue tables, so a policy's rule reads as one line per case.
/// A hand is <c>[!]name:group[r][@minute]</c>: "!" a point of order, "r" remote, "@m" raised m minutes after the
/// start (otherwise hands go up one minute apart in the order written). A past turn is
/// <c>[!]name:group[r][/seconds]</c>, turns following each other before the hands go up; "/~s" is a turn still in
/// progress, started s seconds before now. Names stand for participants.
/// </summary>
internal static class QueueScript
{
    /// <summary>The opening of NETmundial, São Paulo, 23 April 2014.</summary>
    public static readonly DateTimeOffset Start = new(2014, 4, 23, 9, 0, 0, TimeSpan.FromHours(-3));

    public static readonly DateTimeOffset Now = Start.AddHours(2);

    private static readonly ConcurrentDictionary<string, int> Ids = new();
    private static readonly ConcurrentDictionary<int, string> NamesById = new();
    private static int _lastId;

    public static Speaker P(string name) => Speaker.Participant(IdOf(name));

    public static string NameOf(Speaker speaker) =>
        speaker.Kind == SpeakerKind.Participant && NamesById.TryGetValue(speaker.Id!.Value, out var name) ? name : speaker.ToString();

    public static List<QueueEntry> Waiting(string script)
    {
        var entries = new List<QueueEntry>();
        foreach (var token in Tokens(script))
        {
            var (kind, name, group, remote, rest) = Parse(token);
            var minute = rest.StartsWith('@') ? int.Parse(rest[1..], CultureInfo.InvariantCulture) : entries.Count;
            entries.Add(new QueueEntry(entries.Count + 1, P(name), group, RegionOf(group), null, remote, kind, Now.AddMinutes(-60 + minute)));
        }

        return entries;
    }

    public static List<Intervention> History(string script)
    {
        var turns = new List<Intervention>();
        var at = Start;
        foreach (var token in Tokens(script))
        {
            var (kind, name, group, remote, rest) = Parse(token);
            var ongoing = rest.StartsWith("/~", StringComparison.Ordinal);
            var seconds = rest.Length == 0 ? 60 : int.Parse(rest[(ongoing ? 2 : 1)..], CultureInfo.InvariantCulture);
            var started = ongoing ? Now.AddSeconds(-seconds) : at;
            turns.Add(new Intervention(turns.Count + 1, P(name), group, RegionOf(group), null, remote, kind, null, null, started, ongoing ? null : started.AddSeconds(seconds)));
            at = started.AddSeconds(seconds);
        }

        return turns;
    }

    public static QueueContext Context(string waiting, string history = "") => new(Waiting(waiting), History(history), Now);

    public static string Names(IEnumerable<QueueEntry> entries) => string.Join(" ", entries.Select(e => NameOf(e.Speaker)));

    private static int RegionOf(int group) => 1 + (group % 5);

    private static int IdOf(string name) => Ids.GetOrAdd(name, n =>
    {
        var id = Interlocked.Increment(ref _lastId);
        NamesById[id] = n;
        return id;
    });

    private static string[] Tokens(string script) => script.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static (HandKind Kind, string Name, int Group, bool Remote, string Tail) Parse(string token)
    {
        var kind = token.StartsWith('!') ? HandKind.PointOfOrder : HandKind.Normal;
        var body = token.TrimStart('!');
        var colon = body.IndexOf(':');
        var name = body[..colon];
        var after = body[(colon + 1)..];
        var digits = after.TakeWhile(char.IsAsciiDigit).Count();
        var group = int.Parse(after[..digits], CultureInfo.InvariantCulture);
        var rest = after[digits..];
        var remote = rest.StartsWith('r');
        return (kind, name, group, remote, remote ? rest[1..] : rest);
    }
}
