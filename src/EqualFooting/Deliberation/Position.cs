using EqualFooting.Common;

namespace EqualFooting.Deliberation;

/// <summary>
/// Where a participant stands on a question put to the room: a sense check in a poll or a proposal awaiting a decision.
/// Defined once here because polls and decisions count the same four answers.
/// </summary>
public enum Stance
{
    Agree,
    Disagree,

    /// <summary>Stands aside: neither supports nor objects, and does not stop the others.</summary>
    Abstain,

    /// <summary>An objection the holder considers fundamental: under consensus with blocks, one standing block stops the proposal.</summary>
    Block,
}

/// <summary>A stance with the reason given for it (optional for a quick sense check, required by some decision rules for a block).</summary>
public sealed record Position(Stance Stance, string? Reason)
{
    public const int ReasonMax = 2_000;

    public bool Supports => Stance == Stance.Agree;

    public bool Objects => Stance is Stance.Disagree or Stance.Block;

    public static Result<Position> Create(Stance stance, string? reason, bool reasonRequiredForBlock = false)
    {
        if (!Enum.IsDefined(stance))
        {
            return Error.Invalid("stance", "Choose agree, disagree, abstain or block.");
        }

        var clean = Text.Optional("reason", reason, ReasonMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        if (stance == Stance.Block && reasonRequiredForBlock && clean.Value is null)
        {
            return Error.Invalid("reason", "A block needs a reason: say what would have to change for you to stand aside.");
        }

        return new Position(stance, clean.Value);
    }

    /// <summary>Reads the API's and the forms' spelling ("agree", "Block"), case-insensitively; unknown words are a field error.</summary>
    public static Result<Stance> ParseStance(string? value) =>
        Enum.TryParse<Stance>(value?.Trim(), ignoreCase: true, out var stance) && Enum.IsDefined(stance) && !int.TryParse(value, out _)
            ? stance
            : Error.Invalid("stance", "Choose agree, disagree, abstain or block.");
}
