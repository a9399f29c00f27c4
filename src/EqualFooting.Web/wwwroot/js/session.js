// Live updates for the session pages. The pages work without this script; with it, each committed change pushed
// over SignalR makes the page fetch itself again and swap in its live regions, so the server renders (and
// translates) everything and forms keep fresh antiforgery tokens. A region holding the focus is left alone until
// the focus leaves it, so a moderator typing a reason does not lose it.
(() => {
  "use strict";
  const root = document.querySelector("[data-session-id]");
  if (!root || !window.signalR) {
    return;
  }

  // The notice that the page needs a reload to update is for readers without this script.
  for (const notice of document.querySelectorAll("[data-needs-script]")) {
    notice.hidden = true;
  }

  const sessionId = Number(root.dataset.sessionId);
  let sequence = Number(root.dataset.sequence);
  // Pages that show breakout groups also carry the session's breakout sequence, so joining can catch up on those too.
  let breakoutsSequence = root.dataset.breakoutsSequence === undefined ? null : Number(root.dataset.breakoutsSequence);
  let pending = null;
  let shownAt = performance.now();

  async function refresh() {
    const response = await fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) {
      return;
    }

    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const region of document.querySelectorAll("[data-live]")) {
      const next = fresh.getElementById(region.id);
      if (!next) {
        continue;
      }

      if (region.contains(document.activeElement) && document.activeElement !== document.body) {
        pending = () => refresh();
        continue;
      }

      if (region.innerHTML !== next.innerHTML) {
        region.innerHTML = next.innerHTML;
      }
    }

    for (const hidden of document.querySelectorAll("input[name=sequence]")) {
      const seen = fresh.querySelector("[data-session-id]");
      if (seen) {
        hidden.value = seen.dataset.sequence;
      }
    }

    const seen = fresh.querySelector("[data-session-id]");
    if (seen) {
      sequence = Number(seen.dataset.sequence);
      if (seen.dataset.breakoutsSequence !== undefined) {
        breakoutsSequence = Number(seen.dataset.breakoutsSequence);
      }
    }

    shownAt = performance.now();
  }

  document.addEventListener("focusout", () => {
    if (pending) {
      const run = pending;
      pending = null;
      setTimeout(run, 0);
    }
  });

  function clock(total) {
    const whole = Math.max(0, Math.floor(total));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const seconds = String(whole % 60).padStart(2, "0");
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
  }

  // Turns whose warning has been announced: once each, politely, through the page's status line.
  const announced = new Set();

  function announceWarning(timer) {
    const turn = timer.dataset.timerTurn;
    const line = document.querySelector("[data-timer-announce]");
    if (!turn || !line || announced.has(turn)) {
      return;
    }

    announced.add(turn);
    line.textContent = line.dataset.announceText;
  }

  // The timer counts on from the server's reading, by the local monotonic clock, so a wrong device clock does not matter.
  // A paused timer stands still. The speaking group's budget counts down the same way.
  function tick() {
    const passed = (performance.now() - shownAt) / 1000;
    for (const timer of document.querySelectorAll("[data-timer-elapsed]")) {
      // Razor writes data- attributes even when empty, so "paused" is the value "true", not the attribute's presence.
      const paused = timer.dataset.timerPaused === "true";
      const elapsed = Number(timer.dataset.timerElapsed) + (paused ? 0 : passed);
      const allotted = Number(timer.dataset.timerAllotted);
      const warningAt = Number(timer.dataset.timerWarning);
      const left = allotted - elapsed;
      const limited = allotted > 0;
      const warning = limited && warningAt > 0 && left > 0 && left <= warningAt;
      const shown = timer.querySelector("[data-timer-clock]") ?? timer;
      // The words beside the clock ("paused", "please conclude", "over time") are rendered by the server in the
      // reader's language and shown by class, so the warning never rests on colour alone.
      const box = timer.closest(".timer") ?? timer;
      box.classList.toggle("overtime", limited && left <= 0);
      box.classList.toggle("warning", warning);
      if (warning) {
        announceWarning(timer);
      }

      // The projector counts the time left down to zero, then the time over.
      shown.textContent = timer.hasAttribute("data-timer-countdown") ? clock(Math.abs(left)) : clock(elapsed);
    }

    for (const left of document.querySelectorAll("[data-budget-left]")) {
      left.textContent = clock(Number(left.dataset.budgetLeft) - passed);
    }
  }

  setInterval(tick, 1000);

  // A room's screen runs for hours: retry for ever (at once, then backing off to every 30 seconds) instead of
  // SignalR's default of giving up after four tries, and say on screen while the connection is down.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/sessions")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: retry => retry.previousRetryCount === 0 ? 0 : Math.min(30000, 1000 * 2 ** Math.min(retry.previousRetryCount, 5)) })
    .build();

  function connected(ok) {
    for (const notice of document.querySelectorAll("[data-connection=lost]")) {
      notice.hidden = ok;
    }
  }

  connection.on("StateChanged", state => {
    if (state.id === sessionId && state.sequence > sequence) {
      refresh();
    }
  });

  // A check-in changes the attendance total (and the room of the floor shares) without touching the session's sequence.
  connection.on("AttendanceChanged", attendance => {
    const shown = document.querySelector("[data-attendance-total]");
    if (attendance.sessionId === sessionId && shown && Number(shown.dataset.attendanceTotal) !== attendance.total) {
      refresh();
    }
  });

  // A breakout round has its own sequence number: refresh when the page shows an older one, or does not show the
  // round at all (a new round, or one the reader has just been placed in).
  connection.on("BreakoutChanged", round => {
    if (round.sessionId !== sessionId) {
      return;
    }

    const shown = document.querySelector(`[data-breakout-id="${round.id}"]`);
    if (!shown || Number(shown.dataset.breakoutSequence) < round.sequence) {
      refresh();
    }
  });

  // Joining answers with the current state: anything missed between the page's rendering (or a disconnect) and the
  // join shows as a different sequence, of the session or of its breakout rounds.
  async function join() {
    const state = await connection.invoke("Join", sessionId);
    if (state.sequence !== sequence || (breakoutsSequence !== null && state.breakoutsSequence !== breakoutsSequence)) {
      await refresh();
    }
  }

  async function start() {
    try {
      await connection.start();
    } catch {
      connected(false);
      setTimeout(start, 5000);
      return;
    }

    connected(true);
    await join().catch(() => {});
  }

  connection.onreconnecting(() => connected(false));
  connection.onreconnected(() => {
    connected(true);
    join().catch(() => {});
  });
  connection.onclose(() => {
    connected(false);
    setTimeout(start, 5000);
  });
  start();
})();
