namespace EqualFooting.Web.Mail;

/// <summary>
/// The address that links in e-mail point to. Taken from the request, a link in a reset message would follow whatever
/// Host header the requester sent, and an attacker could have the site mail its users a link to their own server.
/// `Site:PublicUrl` fixes it; without it (one machine, development) the request's own address is used.
/// </summary>
public sealed class SiteAddress(IConfiguration configuration)
{
    private readonly string? _configured = configuration["Site:PublicUrl"]?.TrimEnd('/') is { Length: > 0 } url ? url : null;

    /// <summary>The configured address, for messages written outside any request (the notices sweep); null when unset.</summary>
    public string? Configured => _configured;

    public string For(HttpRequest request) => _configured ?? $"{request.Scheme}://{request.Host}";
}
