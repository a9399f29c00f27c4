using EqualFooting.Persistence;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Processes;

/// <summary>The process page's "who runs this process": they change only with a new record entry, so cached by version.</summary>
public sealed class RolesSection(EqualFootingDb db, ProcessVersions versions, IMemoryCache cache) : ProcessSection
{
    public override int Order => 400;

    public override string Partial => "/Processes/_RolesSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct)
    {
        var id = context.Process.Id;
        var version = await versions.OfAsync(id, ct);
        return (await cache.GetOrCreateAsync(("process-roles", id, version), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await ProcessListing.RolesAsync(db, id, ct);
        }))!;
    }
}
