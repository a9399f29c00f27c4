using EqualFooting.Common;
using EqualFooting.Deliberation;

namespace EqualFooting.Polls;

public enum PollKind
{
    SingleChoice,
    MultipleChoice,

    /// <summary>A rating on a scale from 0 or 1 to 5, with labels the convener may edit and, if allowed, "don't know".</summary>
    Likert,

    /// <summary>A <see cref="Position"/>: agree, disagree, abstain or block, each with an optional reason.</summary>
    SenseCheck,
}

public enum PollStatus
{
    Open,
    Closed,
}

/// <summary>What a convener or moderator asks for when creating a poll.</summary>
public sealed record PollDefinition(
    string? Question,
    PollKind? Kind,
    IReadOnlyList<string?>? Options = null,
    int? ScaleMin = null,
    IReadOnlyList<string?>? Labels = null,
    bool DontKnow = false,
    bool Anonymous = true,
    bool ResultsWhileOpen = true);

/// <summary>
/// A question put to a process, or to the room of one of its sessions. Its answers are counted in
/// <see cref="Categories"/>: the options of a choice poll, the points of a Likert scale (then "don't know" when
/// allowed), or the four stances of a sense check. Whether ballots are named and whether results show while voting
/// are fixed once the first ballot is cast (<see cref="HasBallots"/>).
/// </summary>
public sealed class Poll
{
    public const int QuestionMax = 1_000;
    public const int OptionMax = 200;
    public const int MaxOptions = 20;
    public const int ScaleMax = 5;
    public const string DontKnowLabel = "Don't know";

    private Poll()
    {
        Question = "";
    }


    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    /// <summary>The live session it was asked in, if any.</summary>
    public int? SessionId { get; private set; }

    public string Question { get; private set; }

    public PollKind Kind { get; private set; }

    /// <summary>The options of a choice poll, or the labels of a Likert scale's points, lowest first.</summary>
    public List<string> Options { get; private set; } = [];

    /// <summary>The lowest point of a Likert scale: 0 or 1 (the highest is always <see cref="ScaleMax"/>).</summary>
    public int ScaleMin { get; private set; }

    public bool DontKnow { get; private set; }

    public bool Anonymous { get; private set; }

    public bool ResultsWhileOpen { get; private set; }

    public PollStatus Status { get; private set; }

    /// <summary>Set by the first ballot's transaction (under the poll's row lock); from then on the settings above are fixed.</summary>
    public bool HasBallots { get; private set; }

    /// <summary>Ballots are refused from this moment on even before a moderator closes the poll (a sense of the room lasts 60 seconds).</summary>
    public DateTimeOffset? ClosesAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Moves with every change of the poll and every ballot: the sequence number live screens compare.</summary>
    public long Version { get; private set; }

    /// <summary>The names of the answer categories, in the order results count them.</summary>
    public IReadOnlyList<string> Categories => Kind switch
    {
        PollKind.Likert => DontKnow ? [.. Options, DontKnowLabel] : Options,
        PollKind.SenseCheck => [.. Enum.GetNames<Stance>()],
        _ => Options,
    };

    public bool IsOpenAt(DateTimeOffset now) => Status == PollStatus.Open && (ClosesAt is null || now < ClosesAt);

    public static Result<Poll> Create(int processId, int? sessionId, PollDefinition definition, DateTimeOffset now, DateTimeOffset? closesAt = null)
    {
        var question = Text.Required("question", definition.Question, QuestionMax);
        if (question.Error is { } badQuestion)
        {
            return badQuestion;
        }

        if (definition.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return Error.Invalid("kind", "Choose SingleChoice, MultipleChoice, Likert or SenseCheck.");
        }

        var poll = new Poll
        {
            ProcessId = processId,
            SessionId = sessionId,
            Question = question.Value,
            Kind = kind,
            Anonymous = definition.Anonymous,
            ResultsWhileOpen = definition.ResultsWhileOpen,
            Status = PollStatus.Open,
            CreatedAt = now,
            ClosesAt = closesAt,
        };

        switch (kind)
        {
            case PollKind.SingleChoice or PollKind.MultipleChoice:
                var options = Lines("options", definition.Options, OptionMax);
                if (options.Error is { } badOptions)
                {
                    return badOptions;
                }

                if (options.Value.Count is < 2 or > MaxOptions)
                {
                    return Error.Invalid("options", $"Give between 2 and {MaxOptions} options.");
                }

                if (options.Value.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Value.Count)
                {
                    return Error.Invalid("options", "Each option must differ from the others.");
                }

                poll.Options = options.Value;
                break;
            case PollKind.Likert:
                var min = definition.ScaleMin ?? 1;
                if (min is not (0 or 1))
                {
                    return Error.Invalid("scaleMin", "A scale starts at 0 or at 1 and ends at 5.");
                }

                var points = ScaleMax - min + 1;
                var labels = definition.Labels is null or { Count: 0 }
                    ? (Result<List<string>>)Enumerable.Range(min, points).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()
                    : Lines("labels", definition.Labels, OptionMax);
                if (labels.Error is { } badLabels)
                {
                    return badLabels;
                }

                if (labels.Value.Count != points)
                {
                    return Error.Invalid("labels", $"Give one label for each of the scale's {points} points, or none.");
                }

                poll.ScaleMin = min;
                poll.DontKnow = definition.DontKnow;
                poll.Options = labels.Value;
                break;
        }

        return poll;
    }

    /// <summary>Named or anonymous, results while voting or only after: changeable until the first ballot.</summary>
    public Result<bool> ChangeSettings(bool anonymous, bool resultsWhileOpen)
    {
        if (anonymous == Anonymous && resultsWhileOpen == ResultsWhileOpen)
        {
            return false;
        }

        if (HasBallots)
        {
            return Error.Conflict("Ballots have been cast: whether they are named and when results show can no longer change.", "anonymous");
        }

        Anonymous = anonymous;
        ResultsWhileOpen = resultsWhileOpen;
        Version++;
        return true;
    }

    /// <summary>Relabels a Likert scale's points (the scale itself stays).</summary>
    public Result<bool> Relabel(IReadOnlyList<string?>? labels)
    {
        if (Kind != PollKind.Likert)
        {
            return Error.Invalid("labels", "Only a Likert rating has labels.");
        }

        var clean = Lines("labels", labels, OptionMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        if (clean.Value.Count != Options.Count)
        {
            return Error.Invalid("labels", $"Give one label for each of the scale's {Options.Count} points.");
        }

        if (clean.Value.SequenceEqual(Options))
        {
            return false;
        }

        Options = clean.Value;
        Version++;
        return true;
    }

    public Result<bool> Close(DateTimeOffset now)
    {
        if (Status == PollStatus.Closed)
        {
            return false;
        }

        Status = PollStatus.Closed;
        ClosedAt = ClosesAt is { } due && due < now ? due : now;
        Version++;
        return true;
    }

    /// <summary>Reads one participant's answer against this poll's kind, as the mask of categories it counts in.</summary>
    public Result<Answer> Read(AnswerInput input)
    {
        switch (Kind)
        {
            case PollKind.SingleChoice or PollKind.MultipleChoice:
                var choices = input.Choices?.Distinct().ToList() ?? [];
                if (choices.Count == 0)
                {
                    return Error.Invalid("choices", "Choose an option.");
                }

                if (Kind == PollKind.SingleChoice && choices.Count > 1)
                {
                    return Error.Invalid("choices", "Choose one option only.");
                }

                if (choices.Any(c => c < 0 || c >= Options.Count))
                {
                    return Error.Invalid("choices", "That option is not on this poll.");
                }

                return new Answer(choices.Aggregate(0, (mask, c) => mask | (1 << c)), null, null, null);
            case PollKind.Likert:
                if (input.DontKnow)
                {
                    return DontKnow
                        ? new Answer(1 << Options.Count, null, null, Reason(input))
                        : Error.Invalid("rating", "This rating has no \"don't know\".");
                }

                if (input.Rating is not { } rating || rating < ScaleMin || rating > ScaleMax)
                {
                    return Error.Invalid("rating", $"Give a rating from {ScaleMin} to {ScaleMax}.");
                }

                return new Answer(1 << (rating - ScaleMin), rating, null, Reason(input));
            default:
                var stance = Position.ParseStance(input.Stance);
                if (stance.Error is { } badStance)
                {
                    return badStance;
                }

                var position = Position.Create(stance.Value, input.Reason);
                return position.Error is { } badReason ? badReason : new Answer(1 << (int)position.Value.Stance, null, position.Value.Stance, position.Value.Reason);
        }
    }

    private static string? Reason(AnswerInput input) => string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim()[..Math.Min(input.Reason.Trim().Length, Position.ReasonMax)];

    private static Result<List<string>> Lines(string field, IReadOnlyList<string?>? values, int max)
    {
        var clean = new List<string>();
        foreach (var value in values ?? [])
        {
            var line = Text.Required(field, value, max);
            if (line.Error is { } error)
            {
                return error;
            }

            clean.Add(line.Value);
        }

        return clean;
    }
}

/// <summary>An answer as sent: option indices, a rating or "don't know", or a stance, each with an optional reason.</summary>
public sealed record AnswerInput(IReadOnlyList<int>? Choices = null, int? Rating = null, bool DontKnow = false, string? Stance = null, string? Reason = null);

/// <summary>An answer checked against its poll: <see cref="Mask"/> has one bit per category it counts in.</summary>
public sealed record Answer(int Mask, int? Rating, Stance? Stance, string? Reason);
