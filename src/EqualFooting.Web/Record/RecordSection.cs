using EqualFooting.Persistence;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Record;

public sealed record RecordSectionModel(int ProcessId, IReadOnlyList<RecordLine> Lines);

/// <summary>The process page's recent activity: it changes only with a new record entry, so cached by version.</summary>
public sealed class RecordSection(EqualFootingDb db, RecordActions actions, ProcessVersions versions, IMemoryCache cache, Privacy.PublicNames publicNames) : ProcessSection
{
    public const int Recent = 15;

    public override int Order => 900;

    public override string Partial => "/Record/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct)
    {
        var id = context.Process.Id;
        var version = await versions.OfAsync(id, ct);
        var lines = await cache.GetOrCreateAsync(("process-record", id, version, System.Globalization.CultureInfo.CurrentUICulture.Name), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await RecordQueries.RecentLinesAsync(db, actions, publicNames, id, Recent, ct);
        });
        return new RecordSectionModel(id, lines!);
    }
}
