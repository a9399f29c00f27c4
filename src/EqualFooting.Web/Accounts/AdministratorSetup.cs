using System.Security.Cryptography;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Accounts;

/// <summary>
/// Creating the first administrator needs a one-time token that only the server's console shows, so nobody
/// who merely reaches the site first becomes administrator. The token lives in memory and dies with the process.
/// </summary>
public sealed class AdministratorSetup : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public SemaphoreSlim Gate => _gate;

    public bool Matches(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(Token));

    public static Task<bool> AdministratorExistsAsync(EqualFootingDb db, CancellationToken ct = default) =>
        db.Users.AnyAsync(u => u.IsAdministrator, ct);

    public void Dispose() => _gate.Dispose();
}
