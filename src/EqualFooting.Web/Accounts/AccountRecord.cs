using EqualFooting.Record;
using Payload = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace EqualFooting.Web.Accounts;

/// <summary>The record entries about accounts, outside any process. Payloads name people by id only.</summary>
public static class AccountRecord
{
    public static readonly RecordAction<Payload> Registered = new("account.registered", "registered");

    public static readonly RecordAction<Payload> RegisteredAsAdministrator = new("account.registered-as-administrator", "registered as administrator");

    public static readonly RecordAction<Payload> Confirmed = new("account.confirmed", "confirmed their address");

    public static readonly RecordAction<Payload> PromotedToAdministrator = new("account.promoted-to-administrator", "was made administrator");

    public static readonly RecordAction<Payload> Locked = new("account.locked", "locked an account");

    public static readonly RecordAction<Payload> Unlocked = new("account.unlocked", "unlocked an account");

    public static readonly RecordAction<Payload> ResetLinkSent = new("account.reset-link-sent", "sent an account a password reset link");

    public static IEnumerable<RecordAction> All =>
    [
        Registered,
        RegisteredAsAdministrator,
        Confirmed,
        PromotedToAdministrator,
        Locked,
        Unlocked,
        ResetLinkSent,
    ];
}
