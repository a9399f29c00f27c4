using EqualFooting.Sessions;
using EqualFooting.Web.Sessions.Attendance;
using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions;

/// <summary>The session page's attendance: one's own check-in, and a moderator checking in someone without a device.</summary>
public sealed partial class SessionModel
{
    public AttendanceDto Attendance { get; private set; } = null!;

    public async Task<IActionResult> OnPostCheckInAsync(int sessionId, AttendanceMode? mode, int? hubId, CancellationToken ct) =>
        await AfterAsync(sessionId, await attendanceCommands.CheckInAsync(sessionId, mode, hubId, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostCheckInPersonAsync(int sessionId, string? name, int? stakeholderGroupId, int? regionId, int? hubId, CancellationToken ct) =>
        await AfterAsync(sessionId, await attendanceCommands.CheckInPersonAsync(sessionId, name, stakeholderGroupId, regionId, hubId, ct), () => ShowAsync(sessionId, ct));
}
