using EqualFooting.Processes;

namespace EqualFooting.Web.Consultations;

public sealed record ConsultationsSectionModel(int ProcessId, IReadOnlyList<ConsultationSummary> Consultations, bool CanConvene);

/// <summary>The process page's list of consultations with their progress in disposing of comments.</summary>
public sealed class ConsultationsSection(ConsultationQueries consultations, TimeProvider clock) : ProcessSection
{
    public override int Order => 200;

    public override string Partial => "/Consultations/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new ConsultationsSectionModel(
            context.Process.Id,
            await consultations.ForProcessAsync(context.Process.Id, clock.GetUtcNow(), ct),
            ProcessPolicy.Edit(context.Actor, context.Process) is null);
}
