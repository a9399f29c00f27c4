// Live results for the poll page. The page works without this script; with it, each results message pushed over
// SignalR makes the page fetch itself again (at most once a second) and swap in its live regions, so the server
// renders and translates the tables.
(() => {
  "use strict";
  const root = document.querySelector("[data-poll-id]");
  if (!root || !window.signalR) {
    return;
  }

  const pollId = Number(root.dataset.pollId);
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
    for (const region of document.querySelectorAll("[data-live]")) {
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

  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/polls").withAutomaticReconnect().build();
  connection.on("ResultsChanged", soon);
  connection.onreconnected(() => connection.invoke("Join", pollId).then(soon));
  connection.start().then(() => connection.invoke("Join", pollId)).then(soon).catch(() => { });
})();
