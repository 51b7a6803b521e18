"use strict";
// Tells the server, every 30 seconds, that this change form is still open, and shows
// who else has it open (rcm_site.presence). Leaving the page says so at once.
(function () {
  const path = window.location.pathname;
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!/\/change\/$/.test(path) || !token) {
    return;
  }
  const url = path.replace(/change\/$/, "presence/");

  function body(leaving) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    if (leaving) {
      data.append("leave", "1");
    }
    return data;
  }

  function show(notices) {
    document.querySelectorAll(".messagelist .presence").forEach((item) => item.remove());
    if (!notices.length) {
      return;
    }
    let list = document.querySelector(".messagelist");
    if (!list) {
      list = document.createElement("ul");
      list.className = "messagelist";
      document.getElementById("content").before(list);
    }
    notices.forEach((notice) => {
      const item = document.createElement("li");
      item.className = "warning presence";
      item.setAttribute("role", "status");
      item.textContent = notice;
      list.append(item);
    });
  }

  function beat() {
    fetch(url, { method: "POST", body: body(false), credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => answer && show(answer.notices))
      .catch(() => {});
  }

  window.setInterval(beat, 30000);
  window.addEventListener("pagehide", () => navigator.sendBeacon(url, body(true)));
})();
