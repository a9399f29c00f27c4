using EqualFooting.Record;
using Payload = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace EqualFooting.Web.Accounts;

/// <summary>The record entries about accounts, outside any process. Payloads name people by id only.</summary>
public static class AccountRecord
{
    public static readonly RecordAction<Payload> Registered = new("account.registered", "registered");

    public static readonly RecordAction<Payload> RegisteredAsAdministrator = new("account.registered-as-administrator", "registered as administrator");

    public static readonly RecordAction<Payload> PromotedToAdministrator = new("account.promoted-to-administrator", "was made administrator");

    public static IEnumerable<RecordAction> All =>
    [
        Registered,
        RegisteredAsAdministrator,
        PromotedToAdministrator,
    ];
}
