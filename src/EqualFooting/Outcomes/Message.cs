using EqualFooting.Common;

namespace EqualFooting.Outcomes;

/// <summary>What fed an outcome, by kind and id: no compile-time tie to the features that own them.</summary>
public enum SourceKind
{
    Session,
    Consultation,
    Poll,
    Conversation,
    Proposal,
}

/// <summary>
/// A message: a non-negotiated statement (EuroDIG's model) published by the process, with its provenance, so that it
/// can be revisited a year or two later.
/// </summary>
public sealed class Message
{
    public const int TitleMax = Text.NameMax;
    public const int TextMax = 10_000;
    public const int MaxSources = 30;

    private readonly List<MessageSource> _sources = [];

    private Message()
    {
        Title = "";
        Body = "";
        AccountId = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string AccountId { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public IReadOnlyList<MessageSource> Sources => _sources;

    /// <param name="sources">Checked to exist in the process by the caller; here only their number and duplicates.</param>
    public static Result<Message> Publish(int processId, string accountId, string? title, string? text, IEnumerable<(SourceKind Kind, int Id)> sources, DateTimeOffset now)
    {
        var t = Text.Required("title", title, TitleMax);
        if (t.Error is { } e1)
        {
            return e1;
        }

        var b = Text.Required("text", text, TextMax);
        if (b.Error is { } e2)
        {
            return e2;
        }

        var distinct = sources.Distinct().ToList();
        if (distinct.Count > MaxSources)
        {
            return Error.Invalid("sources", $"At most {MaxSources} sources.");
        }

        var message = new Message { ProcessId = processId, AccountId = accountId, Title = t.Value, Body = b.Value, PublishedAt = now };
        message._sources.AddRange(distinct.Select(s => new MessageSource(s.Kind, s.Id)));
        return message;
    }
}

public sealed class MessageSource(SourceKind kind, int targetId)
{
    public int MessageId { get; private set; }

    public SourceKind Kind { get; private set; } = kind;

    public int TargetId { get; private set; } = targetId;
}
