// Shows times in the reader's own zone from the first visit: when no zone has been chosen yet, store the browser's
// zone in the cookie the server reads, and reload once if the page was rendered in another zone. Without this script
// times are in UTC until the reader picks a zone on /time-zone.
(() => {
  "use strict";
  if (document.cookie.split("; ").some((c) => c.startsWith("ef-tz="))) {
    return;
  }

  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }

  if (!zone || !/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) {
    return;
  }

  document.cookie = `ef-tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  const shown = document.querySelector("[data-time-zone]")?.dataset.timeZone;
  const stored = document.cookie.split("; ").some((c) => c.startsWith("ef-tz="));
  if (stored && shown && shown !== zone && !(shown === "UTC" && /^(Etc\/)?(UTC|UCT|Universal|Zulu)$/.test(zone))) {
    location.reload();
  }
})();
