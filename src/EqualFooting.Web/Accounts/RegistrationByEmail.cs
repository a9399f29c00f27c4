using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace EqualFooting.Web.Accounts;

/// <summary>
/// Whether registration is answered by e-mail (`Accounts:ConfirmEmail`). By default it is when a mail server is
/// configured: then nobody can learn from registering whether an address has an account. Without one, a site on a
/// single machine would have no way to deliver the link, so it signs newcomers in at once, and an address already
/// registered is refused as such.
/// </summary>
public sealed record RegistrationSettings(bool ByEmail)
{
    public static RegistrationSettings From(IConfiguration configuration) =>
        new(configuration.GetValue<bool?>("Accounts:ConfirmEmail") ?? !string.IsNullOrWhiteSpace(configuration["Smtp:Host"]));
}

/// <summary>
/// Registration answered by e-mail. Every valid request gets the same answer, "check your e-mail"; what differs is the
/// message: a link to confirm a new account, or, to the owner of an existing one, a note that someone tried.
/// </summary>
public sealed class RegistrationByEmail(UserManager<Account> users, EqualFootingDb db, Writes writes, Mailer mailer)
{
    public const string CheckYourEmail = "We sent a message to this address. Follow the link in it to finish registering; if the address already has an account, the message says so.";

    /// <returns>The validation error, or nothing: the answer is the same for every address.</returns>
    public async Task<Error?> RegisterAsync(string? displayName, string? email, string? password, string site, DateTimeOffset now, CancellationToken ct = default)
    {
        var valid = await Registration.ValidateAsync(users, displayName, email, password);
        if (valid.Error is { } invalid)
        {
            return invalid;
        }

        var (name, address) = valid.Value;
        var existing = await users.FindByEmailAsync(address);
        if (existing is null)
        {
            var created = await Registration.CreateAsync(users, db, writes, name, address, password!, now, pending: true);
            if (created.Error is null)
            {
                await SendConfirmationAsync(created.Value, site, ct);
                return null;
            }

            // Registered a moment ago by a request that raced this one: answered like any existing address.
            existing = await users.FindByEmailAsync(address);
            if (existing is null)
            {
                return created.Error;
            }
        }

        if (existing.ConfirmationPending)
        {
            // Whoever registered first may not own the address: the latest registration's name and password replace
            // theirs, and the new stamp voids the links sent before, so only the owner's last request can be confirmed.
            existing.DisplayName = name;
            existing.PasswordHash = users.PasswordHasher.HashPassword(existing, password!);

            // Lost to another registration of the address at the same moment: that one's link is the one that counts.
            if ((await users.UpdateSecurityStampAsync(existing)).Succeeded)
            {
                await SendConfirmationAsync(existing, site, ct);
            }

            return null;
        }

        // Hashed all the same, so this answer takes as long as the others.
        users.PasswordHasher.HashPassword(existing, password!);
        await mailer.QueueAsync(
            address,
            "Someone tried to register with your address",
            $"Someone (perhaps you) tried to register a new EqualFooting account with this address, which already has one. Nothing has changed.\n\nTo sign in: {site}/account/login\nIf you have forgotten your password: {site}/account/forgot",
            ct);
        return null;
    }

    private async Task SendConfirmationAsync(Account account, string site, CancellationToken ct)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(account);
        var link = $"{site}/account/confirm?account={Uri.EscapeDataString(account.Id)}&code={Uri.EscapeDataString(code)}";
        await mailer.QueueAsync(
            account.Email!,
            "Confirm your EqualFooting account",
            $"Someone (we hope you) registered an EqualFooting account with this address. Follow this link to confirm it and sign in:\n\n{link}\n\nThe link works within two hours; registering again sends a new one. If it was not you, ignore this message: nobody can use the account.",
            ct);
    }

    /// <summary>Confirms a pending account from the link's values; null when the link is wrong, used up or expired.</summary>
    public async Task<Account?> ConfirmAsync(string? accountId, string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(accountId) || string.IsNullOrEmpty(code) || await users.FindByIdAsync(accountId) is not { ErasedAt: null } account)
        {
            return null;
        }

        if (!await users.VerifyUserTokenAsync(account, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<Account>.ConfirmEmailTokenPurpose, code))
        {
            return null;
        }

        if (account.Confirm())
        {
            // A new stamp makes the link single use.
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            await writes.SaveAsync(null, AccountRecord.Confirmed, () => new Dictionary<string, object?> { ["account"] = account.Id }, ct, actedBy: account.Id);
        }

        return account;
    }
}
