namespace EqualFooting.Web.Conversations;

public sealed record ConversationsSectionModel(int ProcessId, IReadOnlyList<ConversationSummary> Conversations, bool CanConvene);

/// <summary>The process page's list of conversations, with a link to vote in each.</summary>
public sealed class ConversationsSection(ConversationQueries conversations) : ProcessSection
{
    public override int Order => 450;

    public override string Partial => "/Conversations/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new ConversationsSectionModel(context.Process.Id, await conversations.ListAsync(context.Process.Id, ct),
            EqualFooting.Conversations.ConversationPolicy.Start(context.Actor, context.Process) is null);
}
