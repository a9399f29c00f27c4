using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Web.Polls;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Tests.Polls;

public abstract class PollDeadlineTests(FakeClockApp app)
{
    private Task<int> ClosedEntriesAsync(int processId) =>
        app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == processId && r.Action == "poll.closed"));

    private Task<PollStatus> StatusAsync(int pollId) =>
        app.WithDbAsync(db => db.Polls.Where(p => p.Id == pollId).Select(p => p.Status).SingleAsync());

    private async Task<Common.Result<bool>> CloseWhenDueAsync(int pollId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PollCommands>().CloseWhenDueAsync(pollId);
    }

    [Fact]
    public async Task A_sense_of_the_room_nobody_closes_closes_itself_after_its_minute_with_its_result_on_the_session_record()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var poll = await (await s.Moderator.PostAsync($"{s.Url}/polls/sense-of-the-room", null)).JsonAsync(HttpStatusCode.Created);
        await (await voter.PutAsJsonAsync($"/api/polls/{poll.Id()}/ballot", new { choices = new[] { 0 } })).JsonAsync(HttpStatusCode.OK);
        var deadlines = app.Services.GetRequiredService<PollDeadlines>();

        await deadlines.SweepAsync();
        var openAfterEarlySweep = await StatusAsync(poll.Id());
        var earlyClose = await CloseWhenDueAsync(poll.Id());

        app.Clock.Advance(PollCommands.SenseOfTheRoomLasts + TimeSpan.FromSeconds(1));
        // Two sweeps at once stand for two nodes (the hosted service's own tick may join them): one close is recorded.
        var swept = await Task.WhenAll(deadlines.SweepAsync(), deadlines.SweepAsync());
        var again = await CloseWhenDueAsync(poll.Id());
        var entry = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "poll.closed").Select(r => r.Entry).SingleAsync());
        var times = await app.WithDbAsync(db => db.Polls.Where(p => p.Id == poll.Id()).Select(p => new { p.ClosesAt, p.ClosedAt }).SingleAsync());
        await (await s.Moderator.PostAsync($"/api/polls/{poll.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(PollStatus.Open, openAfterEarlySweep);
        Assert.False(earlyClose.Value);
        Assert.Equal(PollStatus.Closed, await StatusAsync(poll.Id()));
        Assert.InRange(swept.Sum(), 0, 1);
        Assert.False(again.Value);
        Assert.Equal(1, await ClosedEntriesAsync(s.Process.Id()));
        Assert.Contains("\"ballotCounts\":[1,0,0]", entry);
        Assert.Contains($"\"session\":{s.SessionId}", entry);
        Assert.NotNull(times.ClosesAt);
        Assert.Equal(times.ClosesAt, times.ClosedAt);
    }

    [Fact]
    public async Task A_poll_without_a_time_to_close_never_closes_itself()
    {
        var s = await SessionScenario.StartAsync(app);
        var poll = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/polls", new { question = "Should the IANA transition go ahead?", kind = "SenseCheck" })).JsonAsync(HttpStatusCode.Created);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.GetRequiredService<PollDeadlines>().SweepAsync();
        var refused = await CloseWhenDueAsync(poll.Id());

        Assert.Equal(Common.ErrorKind.Forbidden, refused.Error?.Kind);
        Assert.Equal(PollStatus.Open, await StatusAsync(poll.Id()));
        Assert.Equal(0, await ClosedEntriesAsync(s.Process.Id()));
    }

    [Fact]
    public async Task A_missing_poll_is_not_found()
    {
        var missing = await CloseWhenDueAsync(424242);

        Assert.Equal(Common.ErrorKind.NotFound, missing.Error?.Kind);
    }

    /// <summary>
    /// Screens get at most one results message a <see cref="PollSettings.ResultsInterval"/> per poll; a ballot cast
    /// meanwhile is carried by the message that ends the wait. The test's clock stands still until moved, so the wait
    /// is seen exactly.
    /// </summary>
    [Fact]
    public async Task Results_messages_are_paced_and_a_ballot_within_the_interval_comes_with_the_next_one()
    {
        var s = await SessionScenario.StartAsync(app);
        var first = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var second = await s.ParticipantAsync("Bruno", "Government", "Europe");
        var poll = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/polls", new { question = "Sense of the room?", kind = "SenseCheck" })).JsonAsync(HttpStatusCode.Created);
        var interval = app.Services.GetRequiredService<IOptions<PollSettings>>().Value.ResultsInterval;
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/polls"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var seen = new ConcurrentQueue<int>();
        var one = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var two = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("ResultsChanged", r =>
        {
            var ballots = r.GetProperty("ballots").GetInt32();
            seen.Enqueue(ballots);
            (ballots == 1 ? one : ballots == 2 ? two : null)?.TrySetResult();
        });
        await screen.StartAsync();
        await screen.InvokeAsync<JsonElement>("Join", poll.Id());

        // The poll's creation was announced at this instant of the test's clock: the first ballot waits out the interval.
        await (await first.PutAsJsonAsync($"/api/polls/{poll.Id()}/ballot", new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        app.Clock.Advance(interval);
        await one.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The second ballot is committed and answered; its message waits for the clock. A round trip on the same
        // connection first, so that anything already sent to the screen has arrived.
        await (await second.PutAsJsonAsync($"/api/polls/{poll.Id()}/ballot", new { stance = "disagree" })).JsonAsync(HttpStatusCode.OK);
        await screen.InvokeAsync<JsonElement>("Join", poll.Id());
        var beforeTheInterval = seen.ToArray();
        app.Clock.Advance(interval);
        await two.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(2, beforeTheInterval);
        Assert.Equal([1, 2], seen.Where(n => n > 0).Distinct());
    }
}

public sealed class PollDeadlineOnSqlite(FakeClockSqliteApp app) : PollDeadlineTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class PollDeadlineOnPostgres(FakeClockPostgresApp app) : PollDeadlineTests(app), IClassFixture<FakeClockPostgresApp>;
