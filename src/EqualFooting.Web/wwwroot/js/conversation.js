// Live opinion maps. The page works without this script (a note asks to reload it). When the server recomputes the
// map (at most every five seconds while votes arrive) it says so over SignalR; the page then fetches itself again and
// swaps in its map and report sections, so the server renders and translates the SVG and the tables.
(() => {
  "use strict";
  const root = document.querySelector("#conversation-map[data-conversation-id]");
  if (!window.signalR || !root) {
    return;
  }

  const processId = Number(root.dataset.processId);
  const conversationId = Number(root.dataset.conversationId);
  const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/conversations").withAutomaticReconnect().build();
  let votes = -1;

  async function refresh() {
    const response = await fetch(location.pathname + location.search, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) {
      return;
    }

    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const region of document.querySelectorAll("section[data-live]")) {
      const next = fresh.getElementById(region.id);
      if (next && region.innerHTML !== next.innerHTML) {
        region.innerHTML = next.innerHTML;
      }
    }
  }

  connection.on("MapChanged", map => {
    if (map.conversationId === conversationId && map.votes !== votes) {
      votes = map.votes;
      refresh();
    }
  });

  async function join() {
    const map = await connection.invoke("Join", processId, conversationId);
    votes = map.votes;
  }

  connection.onreconnected(join);
  connection.start().then(join).catch(() => { /* the page stays as served; a reload shows the latest map */ });
})();
