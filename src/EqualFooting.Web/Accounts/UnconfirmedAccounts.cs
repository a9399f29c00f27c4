using System.Globalization;
using EqualFooting.Accounts;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Accounts;

/// <summary>
/// Deletes registrations whose confirmation link was never followed after <c>Accounts:UnconfirmedDays</c> (7 by
/// default): such an account holds an e-mail address, which is personal data, and blocks nobody, since registration
/// answers the same for every address and registering again replaces a pending one. Only an account that is still
/// pending, was never confirmed and is referenced by no row of any other table (a participant, a notice, a report…)
/// goes; the condition is built from the model's foreign keys, so a table added later is respected without being
/// named here. Identity's own rows (claims, logins, tokens) go with the account. Like the other sweeps it writes no
/// record entry: the registration's entry names an id only, and nothing public ever pointed at the account.
/// </summary>
public sealed class UnconfirmedAccounts(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<UnconfirmedAccounts> log) : PeriodicSweep(clock, log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>How long a registration may wait for its confirmation.</summary>
    public TimeSpan Wait { get; } = TimeSpan.FromDays(Math.Max(1, configuration.GetValue("Accounts:UnconfirmedDays", 7)));

    protected override TimeSpan Period => Interval;

    protected override string Name => "Deleting unconfirmed registrations";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var deleted = await SweepAsync(Clock.GetUtcNow(), ct);
        if (deleted > 0)
        {
            Log.LogInformation("Deleted {Count} registration(s) never confirmed.", deleted);
        }
    }

    /// <summary>Deletes the registrations pending since before <paramref name="now"/> less <see cref="Wait"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var account = db.Model.FindEntityType(typeof(Account))!;
        var table = account.GetTableName()!;
        var id = account.FindProperty(nameof(Account.Id))!.GetColumnName();
        var createdAt = account.FindProperty(nameof(Account.CreatedAt))!;
        var before = now - Wait;
        var beforeValue = createdAt.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(before)! : before;

        var sql = new System.Text.StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"DELETE FROM \"{table}\" WHERE \"{nameof(Account.ConfirmationPending)}\" = {{0}} AND \"{nameof(Account.EmailConfirmed)}\" = {{1}}")
            .Append(CultureInfo.InvariantCulture, $" AND \"{nameof(Account.ErasedAt)}\" IS NULL AND \"{createdAt.GetColumnName()}\" < {{2}}");
        foreach (var key in account.GetReferencingForeignKeys().Where(k => !IsIdentitysOwn(k.DeclaringEntityType.ClrType)))
        {
            var dependent = key.DeclaringEntityType;
            sql.Append(CultureInfo.InvariantCulture, $" AND NOT EXISTS (SELECT 1 FROM \"{dependent.GetTableName()}\" AS x WHERE x.\"{key.Properties[0].GetColumnName()}\" = \"{table}\".\"{id}\")");
        }

        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), [true, false, beforeValue], ct);
    }

    /// <summary>Identity's rows about the account itself, which its store deletes with it (cascade).</summary>
    private static bool IsIdentitysOwn(Type type) =>
        type == typeof(IdentityUserClaim<string>) || type == typeof(IdentityUserLogin<string>)
        || type == typeof(IdentityUserToken<string>) || type == typeof(IdentityUserRole<string>);
}
