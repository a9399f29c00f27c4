using EqualFooting.Participation;

namespace EqualFooting.Web.Participation;

public sealed record ParticipationSectionModel(int ProcessId, ParticipationTable Table);

/// <summary>The process page's participation table: participants by stakeholder group and region.</summary>
public sealed class ParticipationSection(ParticipationQueries participation) : ProcessSection
{
    public override int Order => 300;

    public override string Partial => "/Participation/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new ParticipationSectionModel(context.Process.Id, await participation.TableAsync(context.Process, ct));
}
