// Live polls. The pages work without this script. On a poll's page, each results message pushed over SignalR makes
// the page fetch itself again (at most once a second) and swap in its live regions, so the server renders and
// translates the tables. On a session's pages, a poll opened in the session (a sense of the room) shows as a notice
// with a link to vote and, for a timed one, the seconds left.
(() => {
  "use strict";
  if (!window.signalR) {
    return;
  }

  const pollRoot = document.querySelector("[data-poll-id]");
  const sessionRoot = document.querySelector("[data-session-polls]");
  if (!pollRoot && !sessionRoot) {
    return;
  }

  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/polls").withAutomaticReconnect().build();
  let waiting = false;
  let last = 0;

  async function refresh() {
    waiting = false;
    last = performance.now();
    const response = await fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) {
      return;
    }

    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const region of document.querySelectorAll("#live-poll-results[data-live]")) {
      const next = fresh.getElementById(region.id);
      if (next && region.innerHTML !== next.innerHTML) {
        region.innerHTML = next.innerHTML;
      }
    }
  }

  function soon() {
    if (waiting) {
      return;
    }

    waiting = true;
    setTimeout(refresh, Math.max(0, 1000 - (performance.now() - last)));
  }

  // The notice counts down by the local monotonic clock from the server's reading of the time left.
  function notice(poll) {
    const box = sessionRoot;
    box.textContent = "";
    if (!poll.open) {
      return;
    }

    const link = document.createElement("a");
    link.href = `/polls/${poll.id}`;
    link.textContent = `${poll.question}: ${box.dataset.voteLabel}`;
    const p = document.createElement("p");
    p.className = "poll-notice";
    p.append(link);
    box.append(p);
    if (poll.secondsLeft !== undefined && poll.secondsLeft !== null) {
      const left = document.createElement("span");
      p.append(" ", left);
      const end = performance.now() + poll.secondsLeft * 1000;
      const tick = () => {
        const seconds = Math.max(0, Math.ceil((end - performance.now()) / 1000));
        left.textContent = box.dataset.secondsLabel.replace("{0}", seconds);
        if (seconds > 0 && left.isConnected) {
          setTimeout(tick, 250);
        } else if (seconds === 0) {
          box.textContent = "";
        }
      };
      tick();
    }
  }

  connection.on("ResultsChanged", soon);
  connection.on("PollsChanged", poll => {
    if (sessionRoot) {
      notice(poll);
    }
  });

  async function join() {
    if (pollRoot) {
      await connection.invoke("Join", Number(pollRoot.dataset.pollId));
      soon();
    }

    if (sessionRoot) {
      await connection.invoke("JoinSession", Number(sessionRoot.dataset.sessionPolls));
    }
  }

  connection.onreconnected(join);
  connection.start().then(join).catch(() => { });
})();
