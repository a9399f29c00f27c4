using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// What a use case decided: the value to answer with and, when something changed, the record entry that describes
/// it, the claims its transaction must hold first, any set-based work to run under them, and what to tell live
/// screens after the commit. Built by <see cref="Change"/>.
/// </summary>
public sealed class Change<T>
{
    internal Change(T value, int? processId, Func<int?, RecordActor?, DateTimeOffset, RecordEntry>? entry)
    {
        Value = value;
        ProcessId = () => processId;
        Entry = entry;
    }

    public T Value { get; }

    internal Func<int?> ProcessId { get; private set; }

    internal Func<int?, RecordActor?, DateTimeOffset, RecordEntry>? Entry { get; }

    internal List<Claim> Claims { get; } = [];

    internal Func<CancellationToken, Task>? Work { get; private set; }

    internal Func<CancellationToken, Task>? Notify { get; private set; }

    internal Func<CancellationToken, Task<Result<T>?>>? Duplicate { get; private set; }

    internal DateTimeOffset? At { get; private set; }

    internal string? ActingAccount { get; private set; }

    internal bool Receipted { get; private set; }

    internal bool Anonymous { get; private set; }

    /// <summary>Claims to take first in the transaction, in this order.</summary>
    public Change<T> Claiming(params Claim[] claims)
    {
        Claims.AddRange(claims);
        return this;
    }

    /// <summary>Set-based work (bulk inserts and updates) that runs under the claims, before tracked changes are saved.</summary>
    public Change<T> Doing(Func<CancellationToken, Task> work)
    {
        Work = work;
        return this;
    }

    /// <summary>Runs after the commit, never before: live screens only ever hear of committed state.</summary>
    public Change<T> Then(Func<CancellationToken, Task> notify)
    {
        Notify = notify;
        return this;
    }

    /// <summary>
    /// When the save breaks a unique index (a double click that another request won), reads the winner's result
    /// instead; null means the failure was something else and is rethrown.
    /// </summary>
    public Change<T> OnDuplicate(Func<CancellationToken, Task<Result<T>?>> winner)
    {
        Duplicate = winner;
        return this;
    }

    /// <summary>The process the entry belongs to, when the change creates it and its id is known only after the save.</summary>
    public Change<T> InProcess(Func<int> processId)
    {
        ProcessId = () => processId();
        return this;
    }

    /// <summary>The account the record names as acting, when it is not the signed-in user (a new account registering).</summary>
    public Change<T> ActedBy(string accountId)
    {
        ActingAccount = accountId;
        return this;
    }

    /// <summary>
    /// The acting account gets a receipt for the entry (its place in the verifiable log, and an inclusion proof once a
    /// tree head covers it): for a participant's own submissions, such as a comment, a ballot or a position.
    /// </summary>
    public Change<T> WithReceipt()
    {
        Receipted = true;
        return this;
    }

    /// <summary>
    /// The entry names no actor (no account, no affiliation): a ballot in an anonymous poll. With
    /// <see cref="WithReceipt"/>, only the receipt, kept apart from the public record, ties it to its author.
    /// </summary>
    public Change<T> Anonymously()
    {
        Anonymous = true;
        return this;
    }

    /// <summary>The time the record gives the change, when it is not now (the demo's history, imports).</summary>
    public Change<T> RecordedAt(DateTimeOffset at)
    {
        At = at;
        return this;
    }
}

public static class Change
{
    /// <summary>Nothing changed (a repeated request): nothing is written or recorded.</summary>
    public static Change<T> None<T>(T value) => new(value, null, null);

    /// <summary>A change, described in the record by <paramref name="action"/> with the payload made after the save.</summary>
    /// <param name="payload">Runs after the change is saved, inside the transaction, so it can name ids the database assigned.</param>
    public static Change<T> Recorded<T, TPayload>(T value, int? processId, RecordAction<TPayload> action, Func<TPayload> payload)
        where TPayload : notnull =>
        new(value, processId, (process, actor, at) => RecordEntry.Create(action, process, actor, at, payload()));
}

/// <summary>
/// The one write path. Every state-changing use case goes through <see cref="RunAsync{TContext,T}"/>: load, authorise
/// with the feature's policy, act on the domain (slow work such as hashing, parsing and rendering happens here,
/// before any lock), then in one transaction take the claims, save, take the record's next place under the process
/// row's lock, append the entry and commit; only then notify live screens. A lost claim starts again from fresh state
/// (bounded by <see cref="MaxAttempts"/>) or, for a write decided on a state the actor saw, answers 409.
/// </summary>
public sealed class Writes(EqualFootingDb db, Actors actors, TimeProvider clock, ProcessVersions versions)
{
    /// <summary>Every lost claim means another change got in, so this bounds the wait by how many arrive at once.</summary>
    public const int MaxAttempts = 20;

    private static readonly Error LostError = Error.Conflict("Someone else changed this at the same moment. Look at the current state and try again.");

    /// <param name="load">Reads what the use case acts on, tracked; may fail with NotFound and the like.</param>
    /// <param name="authorise">The feature's policy for this action.</param>
    /// <param name="act">Decides and applies the change on the loaded entities; returns what changed.</param>
    /// <param name="whenLost">The answer when a claim is lost; null (the default) starts again from fresh state.</param>
    public async Task<Result<T>> RunAsync<TContext, T>(
        Func<CancellationToken, Task<Result<TContext>>> load,
        Func<TContext, Error?> authorise,
        Func<TContext, DateTimeOffset, Task<Result<Change<T>>>> act,
        CancellationToken ct,
        Error? whenLost = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await load(ct);
            if (loaded.Error is { } missing)
            {
                return missing;
            }

            if (authorise(loaded.Value) is { } denied)
            {
                return denied;
            }

            var acted = await act(loaded.Value, clock.GetUtcNow());
            if (acted.Error is { } refused)
            {
                // Whatever the domain touched before refusing must not ride along with a later save in this scope.
                db.ChangeTracker.Clear();
                return refused;
            }

            var change = acted.Value;
            if (change.Entry is null)
            {
                return change.Value;
            }

            try
            {
                await CommitAsync(change, ct);
            }
            catch (LostClaimException)
            {
                db.ChangeTracker.Clear();
                if (whenLost is null && attempt < MaxAttempts)
                {
                    continue;
                }

                return whenLost ?? LostError;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await MovedOnAsync(change, ct))
                {
                    if (whenLost is null && attempt < MaxAttempts)
                    {
                        continue;
                    }

                    return whenLost ?? LostError;
                }

                if (change.Duplicate is not null && await change.Duplicate(ct) is { } winner)
                {
                    return winner;
                }

                throw;
            }

            versions.Forget(change.ProcessId());
            if (change.Notify is { } notify)
            {
                await notify(ct);
            }

            return change.Value;
        }
    }

    /// <summary>A use case whose decision needs no I/O.</summary>
    public Task<Result<T>> RunAsync<TContext, T>(
        Func<CancellationToken, Task<Result<TContext>>> load,
        Func<TContext, Error?> authorise,
        Func<TContext, DateTimeOffset, Result<Change<T>>> act,
        CancellationToken ct,
        Error? whenLost = null) =>
        RunAsync(load, authorise, (c, now) => Task.FromResult(act(c, now)), ct, whenLost);

    /// <summary>
    /// The tail of the path for a use case that has loaded, authorised and acted itself: claims, save, place, record,
    /// commit, with <paramref name="first"/> as a lock that always wins. Prefer <see cref="RunAsync{TContext,T}"/>,
    /// which also loads, authorises and retries a lost claim.
    /// </summary>
    /// <param name="first">Runs first in the transaction (a claim that serialises writers on one row).</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "first and actedBy are rare extras passed by name; every caller passes ct fourth.")]
    public async Task SaveAsync<TPayload>(
        int? processId,
        RecordAction<TPayload> action,
        Func<TPayload> data,
        CancellationToken ct = default,
        Func<CancellationToken, Task>? first = null,
        string? actedBy = null)
        where TPayload : notnull
    {
        var change = Change.Recorded(true, processId, action, data);
        if (actedBy is not null)
        {
            change.ActedBy(actedBy);
        }

        if (first is not null)
        {
            change.Claiming(Claim.Lock((_, token) => first(token)));
        }

        // A lock claim never loses, so nothing here is retried: a failure is the caller's to answer.
        await CommitAsync(change, ct);
        versions.Forget(processId);
    }

    private async Task CommitAsync<T>(Change<T> change, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            foreach (var claim in change.Claims)
            {
                if (!await claim.TakeAsync(db, token))
                {
                    throw new LostClaimException();
                }
            }

            if (change.Work is { } work)
            {
                await work(token);
            }

            await db.SaveChangesAsync(token);
            var processId = change.ProcessId();
            var actor = change.Anonymous ? null
                : change.ActingAccount is { } acting ? await actors.ForRecordAsync(processId, acting, token) : await actors.ForRecordAsync(processId, token);
            var entry = change.Entry!(processId, actor, change.At ?? clock.GetUtcNow());
            await RecordPlaces.PlaceAsync(db, [entry], token);
            db.Record.Add(entry);
            if (change.Receipted && (change.ActingAccount ?? actors.AccountId) is { } author)
            {
                db.RecordReceipts.Add(new RecordReceipt(author, entry.LogIndex!.Value, entry.Action));
            }

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, ct);
    }

    private async Task<bool> MovedOnAsync<T>(Change<T> change, CancellationToken ct)
    {
        foreach (var claim in change.Claims)
        {
            if (await claim.MovedOnAsync(db, ct))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class LostClaimException : Exception;
}
