using EqualFooting.Common;
using EqualFooting.Processes;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>Changing a session's queue policy, remote hubs, and counting imported transcripts through the name table.</summary>
public class SessionUiDomainTests
{
    private static readonly DateTimeOffset Nine = new(2014, 4, 23, 9, 0, 0, TimeSpan.Zero);

    private static Process NewProcess()
    {
        var process = Process.Create(new ProcessDetails("NETmundial", null, ProcessStatus.Open, null, null, null), Nine).Value;
        Ids.Assign(process);
        return process;
    }

    private static Session NewSession(QueuePolicyKind kind = QueuePolicyKind.FirstComeFirstServed, QueuePolicySettings? settings = null, bool remote = true)
    {
        var session = Session.Create(1, new SessionDetails("Plenary", Nine, Nine.AddHours(2), null, remote), kind, settings ?? QueuePolicySettings.None).Value;
        Ids.Set(session, "Id", 7);
        return session;
    }

    [Theory]
    [InlineData(0, "turnSeconds")]
    [InlineData(3601, "turnSeconds")]
    [InlineData(-5, "turnSeconds")]
    public void A_turn_length_out_of_range_is_refused_naming_the_field(int seconds, string field)
    {
        var built = new QueuePolicySettings(TurnSeconds: seconds).Build(QueuePolicyKind.FirstComeFirstServed);

        Assert.Equal(ErrorKind.Invalid, built.Error?.Kind);
        Assert.Equal(field, built.Error?.Field);
    }

    [Fact]
    public void The_turn_length_is_kept_and_becomes_the_time_per_speaker_when_the_session_starts()
    {
        var session = NewSession(QueuePolicyKind.RoundRobinByGroup, new QueuePolicySettings(GroupOrder: [1, 2, 3, 4], RemoteSlotsPerRound: 2, TurnSeconds: 120));

        session.Start(Nine);

        Assert.Equal(120, session.TurnSeconds);
        Assert.Equal(120, session.AllottedSeconds);
        Assert.Equal(TimeSpan.FromMinutes(2), session.Queue().AllottedPerIntervention);
    }

    [Fact]
    public void An_agenda_item_without_its_own_time_per_speaker_falls_back_to_the_turn_length()
    {
        var session = NewSession(settings: new QueuePolicySettings(TurnSeconds: 90));
        var item = session.AddAgendaItem("Roadmap", 30, null).Value;
        Ids.Set(item, "Id", 11);
        session.Start(Nine);

        session.StartAgendaItem(11, Nine.AddMinutes(1));

        Assert.Equal(90, session.AllottedSeconds);
    }

    [Fact]
    public void Changing_the_policy_mid_session_keeps_every_waiting_hand_and_reorders_them()
    {
        var session = NewSession();
        session.Start(Nine);
        var queue = session.Queue();
        queue.RaiseHand(new HandRaise(Speaker.Participant(1), StakeholderGroupId: 10, RegionId: 1), Nine.AddMinutes(1));
        queue.RaiseHand(new HandRaise(Speaker.Participant(2), StakeholderGroupId: 20, RegionId: 1), Nine.AddMinutes(2));
        session.Apply(queue);
        var before = session.Version;

        var changed = session.ChangePolicy(QueuePolicyKind.WsisRule, new QueuePolicySettings(GovernmentalGroupIds: [20]), Nine.AddMinutes(3));

        Assert.True(changed.Value);
        Assert.True(session.Version > before);
        Assert.Equal(QueuePolicyKind.WsisRule, session.PolicyKind);
        Assert.Equal([2, 1], session.Queue().Order(Nine.AddMinutes(3)).Select(e => e.Speaker.Id!.Value));
    }

    [Theory]
    [InlineData(20140423)]
    [InlineData(2005)]
    public void Changing_policies_in_any_order_never_drops_or_adds_a_waiting_hand(int seed)
    {
        var random = new Random(seed);
        QueuePolicySettings[] settings =
        [
            QueuePolicySettings.None,
            new(AdmitNewSpeakersWhenClosed: true),
            new(GroupOrder: [30, 10], RemoteSlotsPerRound: 2, TurnSeconds: 120),
            new(BudgetSecondsByGroup: new Dictionary<int, int> { [10] = 60, [20] = 600 }, DefaultBudgetSeconds: 30),
            new(GovernmentalGroupIds: [20]),
        ];
        for (var run = 0; run < 50; run++)
        {
            var session = NewSession();
            session.Start(Nine);
            var at = Nine;
            for (var step = 0; step < 12; step++)
            {
                at = at.AddSeconds(random.Next(1, 90));
                var queue = session.Queue();
                var speaker = random.Next(3) == 0 ? Speaker.Hub(random.Next(1, 4), "Hub") : Speaker.Participant(random.Next(1, 9));
                switch (random.Next(4))
                {
                    case 0:
                        queue.GiveFloorToNext(at);
                        session.Apply(queue);
                        break;
                    case 1:
                        queue.LowerHand(speaker, at);
                        session.Apply(queue);
                        break;
                    default:
                        queue.RaiseHand(new HandRaise(speaker, 10 * random.Next(1, 4), 1, null, random.Next(2) == 0), at);
                        session.Apply(queue);
                        break;
                }

                var before = session.Queue().Waiting.Select(e => e.Id).Order().ToList();
                var kind = (QueuePolicyKind)random.Next(5);
                Assert.True(session.ChangePolicy(kind, settings[(int)kind], at).IsSuccess, $"seed {seed}, run {run}, step {step}");
                Assert.Equal(before, session.Queue().Waiting.Select(e => e.Id).Order());
                Assert.Equal(before, session.Queue().Order(at).Select(e => e.Id).Order());
            }
        }
    }

    [Fact]
    public void Choosing_the_same_policy_again_changes_nothing()
    {
        var session = NewSession(QueuePolicyKind.FirstTimeSpeakersFirst, new QueuePolicySettings(AdmitNewSpeakersWhenClosed: true));
        var before = session.Version;

        var again = session.ChangePolicy(QueuePolicyKind.FirstTimeSpeakersFirst, new QueuePolicySettings(AdmitNewSpeakersWhenClosed: true), Nine);

        Assert.False(again.Value);
        Assert.Equal(before, session.Version);
    }

    [Fact]
    public void A_new_turn_length_mid_session_applies_from_the_next_turn()
    {
        var session = NewSession();
        session.Start(Nine);

        session.ChangePolicy(QueuePolicyKind.FirstComeFirstServed, new QueuePolicySettings(TurnSeconds: 60), Nine.AddMinutes(5));

        Assert.Equal(60, session.AllottedSeconds);
    }

    [Theory]
    [InlineData(QueuePolicyKind.WsisRule, "governmentalGroupIds")]
    [InlineData(QueuePolicyKind.RoundRobinByGroup, "remoteSlotsPerRound")]
    [InlineData((QueuePolicyKind)42, "policy")]
    public void Bad_policy_changes_are_refused_naming_the_field_and_change_nothing(QueuePolicyKind kind, string field)
    {
        var session = NewSession();

        var changed = session.ChangePolicy(kind, new QueuePolicySettings(RemoteSlotsPerRound: 99), Nine);

        Assert.Equal(field, changed.Error?.Field);
        Assert.Equal(QueuePolicyKind.FirstComeFirstServed, session.PolicyKind);
    }

    [Fact]
    public void An_ended_session_keeps_its_policy()
    {
        var session = NewSession();
        session.End(Nine);

        Assert.Equal(ErrorKind.Conflict, session.ChangePolicy(QueuePolicyKind.FirstTimeSpeakersFirst, QueuePolicySettings.None, Nine).Error?.Kind);
    }

    [Fact]
    public void A_remote_hub_needs_a_name_a_region_and_a_group_of_the_process()
    {
        var process = NewProcess();
        var session = NewSession();
        var region = process.Regions[0].Id;
        var group = process.StakeholderGroups[0].Id;

        Assert.Equal("name", RemoteHub.Register(session, process, new RemoteHubDetails(" ", null, region, group), null, Nine).Error?.Field);
        Assert.Equal("regionId", RemoteHub.Register(session, process, new RemoteHubDetails("Hub", null, 424242, group), null, Nine).Error?.Field);
        Assert.Equal("stakeholderGroupId", RemoteHub.Register(session, process, new RemoteHubDetails("Hub", null, region, null), null, Nine).Error?.Field);
        var hub = RemoteHub.Register(session, process, new RemoteHubDetails("  Nairobi   hub ", "Nairobi", region, group, "8 civil society"), "acct", Nine).Value;
        Assert.Equal("Nairobi hub", hub.Name);
        Assert.True(hub.IsOperatedBy("acct"));
        Assert.False(hub.IsOperatedBy(null));
        Assert.Equal(SpeakerKind.RemoteHub, hub.Speaker.Kind);
    }

    [Fact]
    public void A_session_without_remote_participation_has_no_hubs()
    {
        var process = NewProcess();

        var hub = RemoteHub.Register(NewSession(remote: false), process, new RemoteHubDetails("Hub", null, process.Regions[0].Id, process.StakeholderGroups[0].Id), null, Nine);

        Assert.Equal(ErrorKind.Conflict, hub.Error?.Kind);
    }

    [Fact]
    public void Round_robin_remote_slots_go_to_hubs_since_a_hub_is_always_remote()
    {
        var session = NewSession(QueuePolicyKind.RoundRobinByGroup, new QueuePolicySettings(GroupOrder: [10, 20], RemoteSlotsPerRound: 1));
        session.Start(Nine);
        var queue = session.Queue();
        queue.RaiseHand(new HandRaise(Speaker.Hub(5, "Nairobi hub"), 10, 1), Nine.AddSeconds(1));
        queue.RaiseHand(new HandRaise(Speaker.Participant(1), 10, 1), Nine.AddSeconds(2));
        queue.RaiseHand(new HandRaise(Speaker.Participant(2), 20, 1), Nine.AddSeconds(3));
        queue.RaiseHand(new HandRaise(Speaker.Participant(3), 10, 1), Nine.AddSeconds(4));

        var order = queue.Order(Nine.AddSeconds(5)).Select(e => e.Speaker.ToString()).ToList();

        Assert.Equal(["participant 1", "participant 2", "hub 5 (Nairobi hub)", "participant 3"], order);
        Assert.True(queue.Waiting.Single(e => e.Speaker.Kind == SpeakerKind.RemoteHub).Remote);
    }

    [Fact]
    public void Imported_turns_count_by_the_name_table_and_unknown_or_unnamed_turns_as_not_mapped()
    {
        var turns = new[]
        {
            new ImportedTurn(1, "LEONSANCHEZ", 130, TimeSpan.FromMinutes(1)),
            new ImportedTurn(2, "OLIVIERCREPIN-LEBLOND", 260, TimeSpan.FromMinutes(2)),
            new ImportedTurn(3, null, 65, TimeSpan.FromSeconds(30)),
            new ImportedTurn(4, "LEONSANCHEZ", 65, TimeSpan.FromSeconds(30)),
        };
        var table = new Dictionary<string, ResolvedSpeaker> { ["LEONSANCHEZ"] = new(10, 1, "man") };

        var stats = SpeakingStatistics.Compute(ImportedSpeaking.ToInterventions(turns, table, Nine), Nine.AddHours(1));

        Assert.Equal(4, stats.Total.Interventions);
        Assert.Equal(new SpeakingTally(2, TimeSpan.FromSeconds(90)), stats.ByStakeholderGroup[10]);
        Assert.Equal(new SpeakingTally(2, TimeSpan.FromSeconds(150)), stats.ByStakeholderGroup[ImportedSpeaking.NotMapped]);
        Assert.Equal(2, stats.ByGender["man"].Interventions);
    }

    [Fact]
    public void Mapping_a_name_later_moves_its_turns_out_of_not_mapped()
    {
        var turns = new[] { new ImportedTurn(1, "EVAN", 130, TimeSpan.FromMinutes(1)) };

        var before = SpeakingStatistics.Compute(ImportedSpeaking.ToInterventions(turns, new Dictionary<string, ResolvedSpeaker>(), Nine), Nine);
        var after = SpeakingStatistics.Compute(ImportedSpeaking.ToInterventions(turns, new Dictionary<string, ResolvedSpeaker> { ["EVAN"] = new(ImportedSpeaking.Unaffiliated, 3, null) }, Nine), Nine);

        Assert.True(before.ByStakeholderGroup.ContainsKey(ImportedSpeaking.NotMapped));
        Assert.False(after.ByStakeholderGroup.ContainsKey(ImportedSpeaking.NotMapped));
        Assert.Equal(1, after.ByStakeholderGroup[ImportedSpeaking.Unaffiliated].Interventions);
        Assert.Equal(1, after.ByRegion[3].Interventions);
    }

    [Fact]
    public void Names_map_without_regard_to_case_spacing_or_accents()
    {
        Assert.Equal(SpeakerNameMapping.KeyOf("Raúl  Echeberría"), SpeakerNameMapping.KeyOf("RAUL  ECHEBERRIA"));
    }

    [Fact]
    public void A_mapping_names_a_participant_or_a_group_of_the_process_or_nothing_for_unaffiliated()
    {
        var process = NewProcess();
        var group = process.StakeholderGroups[1].Id;
        var region = process.Regions[2].Id;

        Assert.Equal("name", SpeakerNameMapping.Validate(process, "", null, null, null, null).Error?.Field);
        Assert.Equal("participantId", SpeakerNameMapping.Validate(process, "EVAN", 5, null, null, null).Error?.Field);
        Assert.Equal("stakeholderGroupId", SpeakerNameMapping.Validate(process, "EVAN", null, null, 424242, null).Error?.Field);
        Assert.Equal("regionId", SpeakerNameMapping.Validate(process, "EVAN", null, null, group, 424242).Error?.Field);
        Assert.Equal(SpeakerMappingKind.Unaffiliated, SpeakerNameMapping.Validate(process, "CHAIR", null, null, null, null).Value.Kind);
        var byGroup = SpeakerNameMapping.Validate(process, "  LEON   SANCHEZ ", null, null, group, region).Value;
        Assert.Equal(SpeakerMappingKind.Group, byGroup.Kind);
        Assert.Equal("LEON SANCHEZ", byGroup.Name);

        var mapping = SpeakerNameMapping.Create(process.Id, byGroup, Nine);
        Assert.False(mapping.Change(byGroup, Nine));
        Assert.True(mapping.Change(byGroup with { Kind = SpeakerMappingKind.Unaffiliated, StakeholderGroupId = null }, Nine));
        Assert.Equal(new ResolvedSpeaker(ImportedSpeaking.Unaffiliated, region, null), ImportedSpeaking.Resolve(mapping, null));
    }

    [Fact]
    public void A_past_session_for_a_transcript_is_ended_and_takes_no_queue_actions()
    {
        var session = Session.CreatePast(1, "Imported transcript: atlas.txt", Nine, Nine.AddMinutes(90)).Value;

        Assert.Equal(SessionStatus.Ended, session.Status);
        Assert.Equal(ErrorKind.Conflict, session.LiveQueue().Error?.Kind);
        Assert.Equal(Nine.AddMinutes(90), session.EndsAt);
    }
}
