using EqualFooting.Common;
using Microsoft.AspNetCore.SignalR;

namespace EqualFooting.Web.Conversations;

/// <summary>What a conversation's map looks like after a recomputation: enough for a screen to decide to refresh.</summary>
public sealed record ConversationMapDto(int ConversationId, int Votes, int Statements, int Participants, int Groups, int Bridging);

/// <summary>What the server sends to pages following a conversation.</summary>
public interface IConversationClient
{
    /// <summary>The opinion map was recomputed (at most once every five seconds a conversation, by <see cref="ConversationAnalyses"/>).</summary>
    Task MapChanged(ConversationMapDto map);
}

/// <summary>
/// Live opinion maps at /hubs/conversations. <see cref="Join"/> checks that the caller may read the conversation,
/// answers with the map as it is, and then sends <see cref="IConversationClient.MapChanged"/> after each recomputation.
/// Through the Redis backplane when one is configured, so every node's pages hear every node's recomputations.
/// </summary>
public sealed class ConversationHub(ProcessAccess processes, ConversationQueries queries, ConversationAnalyses analyses, Actors actors) : Hub<IConversationClient>
{
    public const string Path = "/hubs/conversations";

    public static string Group(int conversationId) => $"conversation:{conversationId}";

    public async Task<ConversationMapDto> Join(int processId, int conversationId)
    {
        actors.ActAs(Context.User);
        var found = await processes.ViewAsync(processId, Context.ConnectionAborted);
        if (found.Error is { } error)
        {
            throw new HubException($"{Problems.StatusOf(error)}: {error.Message}");
        }

        if (await queries.FindAsync(processId, conversationId, Context.ConnectionAborted) is null)
        {
            throw new HubException("404: No such conversation in this process.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(conversationId), Context.ConnectionAborted);
        return Summary(await analyses.GetAsync(conversationId, Context.ConnectionAborted));
    }

    public Task Leave(int conversationId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(conversationId));

    public static ConversationMapDto Summary(ConversationMap map) =>
        new(map.ConversationId, map.Votes, map.Statements.Count, map.Points.Count + map.SetAside, map.Groups.Count, map.Bridging.Count);
}
