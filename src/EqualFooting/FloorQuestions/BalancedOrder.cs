namespace EqualFooting.FloorQuestions;

/// <summary>A question waiting to be answered, with its votes by stakeholder group (of the voters).</summary>
public sealed record RankedQuestion(int Id, int AskerGroupId, IReadOnlyDictionary<int, int> VotesByGroup, DateTimeOffset AskedAt)
{
    public int Votes => VotesByGroup.Values.Sum();
}

/// <summary>
/// The orders of questions from the floor. By votes: most votes first, then oldest. Balanced: each stakeholder group
/// ranks the questions its own members asked by the votes they got from that same group, and the list takes one from
/// each group in turn (groups in order of their best question), so one large group cannot fill the top of the list.
/// </summary>
public static class QuestionOrder
{
    public static IReadOnlyList<RankedQuestion> ByVotes(IEnumerable<RankedQuestion> questions) =>
        [.. questions.OrderByDescending(q => q.Votes).ThenBy(q => q.AskedAt).ThenBy(q => q.Id)];

    public static IReadOnlyList<RankedQuestion> Balanced(IEnumerable<RankedQuestion> questions)
    {
        static int Own(RankedQuestion q) => q.VotesByGroup.TryGetValue(q.AskerGroupId, out var v) ? v : 0;

        var queues = questions
            .GroupBy(q => q.AskerGroupId)
            .Select(g => new Queue<RankedQuestion>(g.OrderByDescending(Own).ThenByDescending(q => q.Votes).ThenBy(q => q.AskedAt).ThenBy(q => q.Id)))
            .OrderByDescending(q => Own(q.Peek())).ThenBy(q => q.Peek().AskedAt).ThenBy(q => q.Peek().AskerGroupId)
            .ToList();
        var order = new List<RankedQuestion>();
        while (queues.Count > 0)
        {
            foreach (var queue in queues)
            {
                order.Add(queue.Dequeue());
            }

            queues.RemoveAll(q => q.Count == 0);
        }

        return order;
    }
}
