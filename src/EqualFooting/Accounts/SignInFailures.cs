namespace EqualFooting.Accounts;

/// <summary>
/// How long sign-in waits after failed attempts. A lockout after five guesses let anyone lock a real account for
/// fifteen minutes; here each failure only makes the next attempt for that address, or from that source, wait longer,
/// doubling from one second. The address's wait is capped low, so a stranger cannot keep its owner out for long (and
/// the owner lifts it at once through a reset link); the source's cap is high, which is what stops one machine
/// guessing many addresses.
/// </summary>
public sealed record SignInDelays(int FreeFailuresPerAddress, TimeSpan AddressCap, int FreeFailuresPerSource, TimeSpan SourceCap)
{
    /// <summary>Failures older than this are forgotten: the count starts again.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    public static SignInDelays Default { get; } = new(3, TimeSpan.FromMinutes(5), 10, TimeSpan.FromHours(1));

    /// <summary>The wait imposed after the <paramref name="failures"/>-th consecutive failure.</summary>
    public static TimeSpan After(int failures, int free, TimeSpan cap)
    {
        if (failures <= free)
        {
            return TimeSpan.Zero;
        }

        // 2^(n - free - 1) seconds: 1, 2, 4…; the exponent is bounded before shifting so it never overflows.
        var exponent = Math.Min(failures - free - 1, 30);
        var wait = TimeSpan.FromSeconds(1L << exponent);
        return wait < cap ? wait : cap;
    }

    public TimeSpan ForAddress(int failures) => After(failures, FreeFailuresPerAddress, AddressCap);

    public TimeSpan ForSource(int failures) => After(failures, FreeFailuresPerSource, SourceCap);
}

/// <summary>What kind of thing a <see cref="SignInFailure"/> counts for.</summary>
public enum SignInSubject
{
    Address,
    Source,
}

/// <summary>
/// Consecutive failed sign-ins for one address or one source, shared by every web node through the database. The key is
/// a hash, so the table holds no address in clear; an address with no account is counted like any other, which keeps
/// the answer the same for both.
/// </summary>
public sealed class SignInFailure
{
    public const int KeyLength = 64;

    private SignInFailure()
    {
        Key = "";
    }

    public SignInFailure(string key, SignInSubject subject)
    {
        Key = key;
        Subject = subject;
    }

    public string Key { get; private set; }

    public SignInSubject Subject { get; private set; }

    public int Count { get; private set; }

    public DateTimeOffset LastAt { get; private set; }

    /// <summary>No attempt for this key is checked before this time.</summary>
    public DateTimeOffset NotBefore { get; private set; }

    /// <summary>Guards the count against two failures read at once by different requests.</summary>
    public int Version { get; private set; }

    public bool Waiting(DateTimeOffset now) => NotBefore > now;

    public void Failed(DateTimeOffset now, SignInDelays delays)
    {
        Count = now - LastAt > SignInDelays.Memory ? 1 : Count + 1;
        LastAt = now;
        NotBefore = now + (Subject == SignInSubject.Address ? delays.ForAddress(Count) : delays.ForSource(Count));
        Version++;
    }
}
