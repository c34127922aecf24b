// The map of /meldungen/ (only with a tile URL configured): the reports of the JSON feed as
// markers, each popup linking to its entry in the list below. The list is the equivalent for
// everyone who cannot use the map; nothing is only on the map.
"use strict";
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("reports-map");
    if (!holder || !window.L) { return; }
    holder.hidden = false;
    var map = L.map(holder).setView([50.3569, 7.5889], 13);
    L.tileLayer(holder.getAttribute("data-tiles"), {
      attribution: holder.getAttribute("data-attribution") || "", maxZoom: 19
    }).addTo(map);
    fetch(holder.getAttribute("data-feed"), { headers: { Accept: "application/feed+json" } })
      .then(function (r) { return r.json(); })
      .then(function (feed) {
        var points = [];
        feed.items.forEach(function (item) {
          var p = item._anliegen;
          if (p.lat === null || p.long === null) { return; }
          var link = document.createElement("a");
          link.href = "#meldung-" + item.id;
          link.textContent = item.title + " (" + p.status_label + ")";
          L.marker([p.lat, p.long], { title: item.title, alt: item.title }).addTo(map).bindPopup(link);
          points.push([p.lat, p.long]);
        });
        if (points.length) { map.fitBounds(points, { maxZoom: 16, padding: [20, 20] }); }
      });
  });
})();
