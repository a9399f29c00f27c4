using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>
/// The invariants every policy must keep, checked on many random queues. FsCheck is not referenced, so the cases come
/// from a seeded <see cref="Random"/>: a failure names its seed and case and is reproduced by running the test again.
/// </summary>
public class QueuePolicyPropertyTests
{
    private const int Cases = 400;
    private static readonly DateTimeOffset Start = new(2024, 12, 17, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<int> Seeds => [20140423, 2005, 42];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_policy_drops_or_duplicates_a_hand(int seed) =>
        ForEachCase(seed, (policy, context, order) =>
            Assert.Equal(context.Waiting.Select(e => e.Id).Order(), order.Select(e => e.Id).Order()));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Points_of_order_always_come_first_in_raise_order(int seed) =>
        ForEachCase(seed, (policy, context, order) =>
        {
            var pointsOfOrder = context.Waiting.Where(e => e.Kind == HandKind.PointOfOrder).Order(QueueEntry.RaiseOrder);
            Assert.Equal(pointsOfOrder, order.Take(pointsOfOrder.Count()));
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_order_depends_on_the_hands_not_on_how_they_were_listed(int seed)
    {
        var shuffler = new Random(seed);
        ForEachCase(seed, (policy, context, order) =>
        {
            var shuffled = context with { Waiting = context.Waiting.OrderBy(_ => shuffler.Next()).ToList() };
            Assert.Equal(order, policy.Order(shuffled));
            Assert.Equal(order, policy.Order(context));
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Within_a_group_in_the_room_hands_keep_their_raise_order(int seed) =>
        ForEachCase(seed, (policy, context, order) =>
        {
            if (policy is FirstTimeSpeakersFirstPolicy)
            {
                return; // newcomers overtake earlier hands of their own group by design
            }

            foreach (var group in order.Where(e => e.Kind == HandKind.Normal && !e.Remote).GroupBy(e => e.StakeholderGroupId))
            {
                Assert.Equal(group.Order(QueueEntry.RaiseOrder), group);
            }
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_policy_keeps_its_own_promise(int seed) =>
        ForEachCase(seed, (policy, context, order) =>
        {
            var hands = order.Where(e => e.Kind == HandKind.Normal).ToList();
            switch (policy)
            {
                case FirstComeFirstServedPolicy:
                    Assert.Equal(hands.Order(QueueEntry.RaiseOrder), hands);
                    break;
                case FirstTimeSpeakersFirstPolicy:
                    var spoken = context.Interventions.Select(i => i.Speaker).ToHashSet();
                    AssertPartitioned(hands, e => !spoken.Contains(e.Speaker));
                    break;
                case WsisRulePolicy wsis:
                    AssertPartitioned(hands, wsis.IsGovernmental);
                    break;
                case SpeakingTimeBudgetPolicy budget:
                    var left = budget.TimeLeft(context.Interventions, context.Now).ToDictionary(t => t.StakeholderGroupId, t => t.Left);
                    TimeSpan Left(QueueEntry e) => left.TryGetValue(e.StakeholderGroupId, out var l) ? l : budget.BudgetOf(e.StakeholderGroupId);
                    AssertPartitioned(hands, e => Left(e) > TimeSpan.Zero, firstPartInRaiseOrder: false);
                    var withTime = hands.Where(e => Left(e) > TimeSpan.Zero).Select(Left).ToList();
                    Assert.Equal(withTime.OrderDescending(), withTime);
                    break;
                case RoundRobinByGroupPolicy roundRobin:
                    // Between two turns of a group at its microphone, every other group gets at most one.
                    var slots = roundRobin.RemoteSlotsPerRound;
                    var microphones = hands.Where(e => slots == 0 || !e.Remote).Select(e => e.StakeholderGroupId).ToList();
                    for (var i = 0; i < microphones.Count; i++)
                    {
                        var again = microphones.IndexOf(microphones[i], i + 1);
                        var between = again < 0 ? [] : microphones[(i + 1)..again];
                        Assert.Equal(between.Distinct().Count(), between.Count);
                    }

                    var remote = hands.Where(e => slots > 0 && e.Remote).ToList();
                    Assert.Equal(remote.Order(QueueEntry.RaiseOrder), remote);
                    break;
            }
        });

    private static void AssertPartitioned(IReadOnlyList<QueueEntry> hands, Func<QueueEntry, bool> first, bool firstPartInRaiseOrder = true)
    {
        var firstPart = hands.TakeWhile(first).Count();
        Assert.DoesNotContain(hands.Skip(firstPart), e => first(e));
        if (firstPartInRaiseOrder)
        {
            Assert.Equal(hands.Where(first).Order(QueueEntry.RaiseOrder), hands.Take(firstPart));
        }

        Assert.Equal(hands.Where(e => !first(e)).Order(QueueEntry.RaiseOrder), hands.Skip(firstPart));
    }

    private static void ForEachCase(int seed, Action<QueuePolicy, QueueContext, IReadOnlyList<QueueEntry>> check)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var policy = RandomPolicy(random);
            var context = RandomContext(random);
            var order = policy.Order(context);
            try
            {
                check(policy, context, order);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"Seed {seed}, case {i}, {policy.Kind}: {e.Message}");
            }
        }
    }

    private static QueuePolicy RandomPolicy(Random random)
    {
        var groups = Enumerable.Range(1, 6).OrderBy(_ => random.Next()).Take(random.Next(0, 7)).ToList();
        return random.Next(5) switch
        {
            0 => new FirstComeFirstServedPolicy(),
            1 => new FirstTimeSpeakersFirstPolicy(random.Next(2) == 0),
            2 => RoundRobinByGroupPolicy.Create(groups, random.Next(0, 4)).Value,
            3 => SpeakingTimeBudgetPolicy.Create(
                groups.ToDictionary(g => g, _ => TimeSpan.FromSeconds(random.Next(0, 600))),
                TimeSpan.FromSeconds(random.Next(0, 2) * 120)).Value,
            _ => WsisRulePolicy.Create(groups.Count > 0 ? groups.Take(2) : [1]).Value,
        };
    }

    private static QueueContext RandomContext(Random random)
    {
        // Few people and few minutes, so that repeated speakers and hands raised in the same instant are common.
        var people = random.Next(1, 12);
        var turns = new List<Intervention>();
        var at = Start;
        for (var n = random.Next(0, 15); turns.Count < n;)
        {
            var seconds = random.Next(0, 300);
            var ongoing = turns.Count == n - 1 && random.Next(3) == 0;
            turns.Add(new Intervention(
                turns.Count + 1,
                Speaker.Participant(random.Next(1, people + 1)),
                random.Next(1, 8),
                random.Next(1, 6),
                null,
                random.Next(4) == 0,
                random.Next(8) == 0 ? HandKind.PointOfOrder : HandKind.Normal,
                null,
                null,
                at,
                ongoing ? null : at.AddSeconds(seconds)));
            at = at.AddSeconds(seconds);
        }

        var waiting = new List<QueueEntry>();
        for (var n = random.Next(0, 20); waiting.Count < n;)
        {
            waiting.Add(new QueueEntry(
                waiting.Count + 1,
                random.Next(5) == 0 ? Speaker.Hub(random.Next(1, 3)) : Speaker.Participant(random.Next(1, people + 1)),
                random.Next(1, 8),
                random.Next(1, 6),
                null,
                random.Next(3) == 0,
                random.Next(6) == 0 ? HandKind.PointOfOrder : HandKind.Normal,
                at.AddSeconds(random.Next(0, 5) * 30)));
        }

        return new QueueContext(waiting, turns, at.AddMinutes(5));
    }
}
