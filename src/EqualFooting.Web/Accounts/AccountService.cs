using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Record;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Accounts;

/// <summary>Registration rules shared by the page and the API, with Identity's errors mapped to the field at fault.</summary>
public static class Registration
{
    public const int EmailMax = 254;
    public const int PasswordMax = 256;

    /// <summary>
    /// Creates the account and its record entry in one transaction; Identity's store saves through the same
    /// DbContext, so a failure leaves neither behind.
    /// </summary>
    public static async Task<Result<Account>> RegisterAsync(
        UserManager<Account> users,
        EqualFootingDb db,
        Writes writes,
        string? displayName,
        string? email,
        string? password,
        DateTimeOffset now,
        bool administrator = false)
    {
        var valid = await ValidateAsync(users, displayName, email, password);
        return valid.Error is { } invalid ? invalid : await CreateAsync(users, db, writes, valid.Value.Name, valid.Value.Email, password!, now, administrator);
    }

    /// <summary>Creates an account from values <see cref="ValidateAsync"/> has passed.</summary>
    public static async Task<Result<Account>> CreateAsync(
        UserManager<Account> users,
        EqualFootingDb db,
        Writes writes,
        string name,
        string email,
        string password,
        DateTimeOffset now,
        bool administrator = false,
        bool pending = false)
    {
        var account = new Account
        {
            UserName = email,
            Email = email,
            DisplayName = name,
            CreatedAt = now,
            IsAdministrator = administrator,
            ConfirmationPending = pending,
        };

        // Hashing is slow on purpose; it happens before the write, never while the database's write lock is held.
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
        IdentityResult result;
        try
        {
            await writes.SaveAsync(
                null,
                administrator ? AccountRecord.RegisteredAsAdministrator : AccountRecord.Registered,
                () => new Dictionary<string, object?> { ["account"] = account.Id },
                CancellationToken.None,
                async _ =>
                {
                    // Identity's store saves through the same DbContext, inside the write's transaction.
                    var created = await users.CreateAsync(account);
                    if (!created.Succeeded)
                    {
                        throw new RefusedByIdentity(created);
                    }
                },
                actedBy: account.Id);
            result = IdentityResult.Success;
        }
        catch (RefusedByIdentity refused)
        {
            db.ChangeTracker.Clear();
            result = refused.Result;
        }

        if (result.Succeeded)
        {
            return account;
        }

        return ToError(result);
    }

    /// <summary>The checks every registration passes, whatever the address: none of them depends on who has an account.</summary>
    public static async Task<Result<(string Name, string Email)>> ValidateAsync(UserManager<Account> users, string? displayName, string? email, string? password)
    {
        var name = Text.Required("displayName", displayName, Account.DisplayNameMax);
        if (name.Error is { } e1)
        {
            return e1;
        }

        var mail = Text.Required("email", email, EmailMax);
        if (mail.Error is { } e2)
        {
            return e2;
        }

        if (!System.Net.Mail.MailAddress.TryCreate(mail.Value, out var parsed) || parsed.Address != mail.Value)
        {
            return Error.Invalid("email", "Enter an email address such as name@example.org.");
        }

        if (string.IsNullOrEmpty(password))
        {
            return Error.Invalid("password", "Password is required.");
        }

        if (password.Length > PasswordMax)
        {
            return Error.Invalid("password", $"Password must be at most {PasswordMax} characters.");
        }

        var candidate = new Account { UserName = mail.Value, Email = mail.Value, DisplayName = name.Value };
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, candidate, password);
            if (!valid.Succeeded)
            {
                return ToError(valid);
            }
        }

        return (name.Value, mail.Value);
    }

    private static Error ToError(IdentityResult result)
    {
        var first = result.Errors.First();
        var field = first.Code switch
        {
            var c when c.StartsWith("Password", StringComparison.Ordinal) => "password",
            "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" => "email",
            _ => "email",
        };
        var message = first.Code is "DuplicateEmail" or "DuplicateUserName"
            ? "An account with this email address already exists."
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return first.Code is "DuplicateEmail" or "DuplicateUserName" ? Error.Conflict(message, field) : Error.Invalid(field, message);
    }

    private sealed class RefusedByIdentity(IdentityResult result) : Exception
    {
        public IdentityResult Result { get; } = result;
    }
}
