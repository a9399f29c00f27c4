using System.Security.Cryptography;
using System.Text;
using EqualFooting.Accounts;
using EqualFooting.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Accounts;

/// <summary>How a sign-in attempt ended, for the page and the token endpoint to put in their own words.</summary>
public enum SignInOutcome
{
    SignedIn,
    Wrong,

    /// <summary>Failed attempts for this address or from this source: the password was not even checked.</summary>
    Waiting,
    LockedByAdministrator,

    /// <summary>The right password for an account whose address has not been confirmed yet.</summary>
    NotConfirmed,
}

/// <summary>
/// Counts failed sign-ins per address and per source in the database, which every web node shares, and makes the next
/// attempt wait (<see cref="SignInDelays"/>). This is sign-in's own bookkeeping, like Identity's failure count it
/// replaces: nothing public happens, so it is neither authorised nor recorded through the write path.
/// </summary>
public sealed class SignInGuard(EqualFootingDb db, SignInDelays delays, TimeProvider clock)
{
    // Generous: every retry is two small reads and a write, and a burst of guesses at one address all collide.
    private const int Tries = 20;

    /// <summary>How long the attempt must still wait, or zero.</summary>
    public async Task<TimeSpan> WaitAsync(string email, HttpContext http, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var keys = Keys(email, http);
        var until = await db.SignInFailures.AsNoTracking()
            .Where(f => f.Key == keys.Address || f.Key == keys.Source)
            .Select(f => f.NotBefore)
            .ToListAsync(ct);
        var latest = until.Count == 0 ? now : until.Max();
        return latest > now ? latest - now : TimeSpan.Zero;
    }

    public async Task FailedAsync(string email, HttpContext http, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var keys = Keys(email, http);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var (key, subject) in new[] { (keys.Address, SignInSubject.Address), (keys.Source, SignInSubject.Source) })
                {
                    var failure = await db.SignInFailures.FindAsync([key], ct);
                    if (failure is null)
                    {
                        failure = new SignInFailure(key, subject);
                        db.SignInFailures.Add(failure);
                    }

                    failure.Failed(now, delays);
                }

                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < Tries)
            {
                // Another request counted a failure for the same key at the same moment: count again on top of it.
                db.ChangeTracker.Clear();
            }
        }

        var forgotten = now - SignInDelays.Memory;
        await db.SignInFailures.Where(f => f.LastAt < forgotten).ExecuteDeleteAsync(ct);
    }

    /// <summary>A success clears both counts; a reset link clears the address's (pass no source).</summary>
    public async Task ForgetAsync(string email, HttpContext? http, CancellationToken ct = default)
    {
        var keys = Keys(email, http);
        var source = http is null ? keys.Address : keys.Source;
        await db.SignInFailures.Where(f => f.Key == keys.Address || f.Key == source).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The whole attempt: the wait, the password (hashed even for an unknown address, so both take as long), and the
    /// count. <paramref name="signIn"/>'s scheme decides whether a cookie or a token is issued.
    /// </summary>
    public async Task<(SignInOutcome Outcome, TimeSpan Wait)> SignInAsync(
        SignInManager<Account> signIn, string email, string password, bool persistent, HttpContext http, CancellationToken ct = default)
    {
        var wait = await WaitAsync(email, http, ct);
        if (wait > TimeSpan.Zero)
        {
            return (SignInOutcome.Waiting, wait);
        }

        var users = signIn.UserManager;
        var account = await users.FindByNameAsync(email);
        if (account is null)
        {
            users.PasswordHasher.HashPassword(Nobody, password);
        }

        var result = account is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(account, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await ForgetAsync(email, http, ct);
            return (SignInOutcome.SignedIn, TimeSpan.Zero);
        }

        // Locked or unconfirmed is only ever said to someone who gave the right password.
        if (result.IsLockedOut && account is not null && await users.CheckPasswordAsync(account, password))
        {
            return (SignInOutcome.LockedByAdministrator, TimeSpan.Zero);
        }

        if (result.IsNotAllowed && account is not null && await users.CheckPasswordAsync(account, password))
        {
            return (SignInOutcome.NotConfirmed, TimeSpan.Zero);
        }

        await FailedAsync(email, http, ct);
        return (SignInOutcome.Wrong, TimeSpan.Zero);
    }

    private static readonly Account Nobody = new() { Id = "nobody" };

    private static (string Address, string Source) Keys(string email, HttpContext? http) =>
        (Hash("address\n" + email.Trim().ToUpperInvariant()), Hash("source\n" + (http?.Connection.RemoteIpAddress?.ToString() ?? "unknown")));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
