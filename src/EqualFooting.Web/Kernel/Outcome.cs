using EqualFooting.Common;
using EqualFooting.Record;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// What one step on a versioned aggregate (a session, a breakout round) decided: the value to answer with and, when
/// something changed, the record entry. <see cref="Outcome.ToChange"/> makes it the write path's <see cref="Change{T}"/>,
/// claiming the aggregate's version and notifying its screens after the commit.
/// </summary>
public sealed record Outcome<T>(T Value, RecordAction<IReadOnlyDictionary<string, object?>>? Action = null, Func<IReadOnlyDictionary<string, object?>>? Data = null);

public static class Outcome
{
    public static Result<Change<T>> ToChange<T>(Result<Outcome<T>> outcome, int processId, Claim claim, Func<CancellationToken, Task> notify)
    {
        if (outcome.Error is { } error)
        {
            return error;
        }

        var done = outcome.Value;
        return done.Action is null
            ? Change.None(done.Value)
            : Change.Recorded(done.Value, processId, done.Action, done.Data!).Claiming(claim).Then(notify);
    }
}
