using System.Net;
using System.Net.Http.Json;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Web.Polls;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
}

public sealed class PollDeadlineOnSqlite(FakeClockSqliteApp app) : PollDeadlineTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class PollDeadlineOnPostgres(FakeClockPostgresApp app) : PollDeadlineTests(app), IClassFixture<FakeClockPostgresApp>;
