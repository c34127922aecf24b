// Location of a defect: "Meinen Standort verwenden" puts the device's position into the hidden
// field; with a tile URL configured, a Leaflet map lets the citizen set the pin. Without this
// script the form has street and house number only, which is enough.
"use strict";
(function () {
  function setPoint(field, status, lat, lon) {
    field.value = lat.toFixed(6) + "," + lon.toFixed(6);
    status.textContent = status.getAttribute("data-done");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-locate]");
    var field = document.getElementById("id_position");
    if (!box || !field) { return; }
    var status = document.getElementById("position-status");
    var button = box.querySelector("[data-locate-device]");
    box.hidden = false;
    if (!navigator.geolocation) { button.hidden = true; }
    var marker = null;
    var map = null;
    function show(lat, lon) {
      if (!map || !window.L) { return; }
      if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.marker([lat, lon]).addTo(map); }
      map.setView([lat, lon], Math.max(map.getZoom(), 17));
    }
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        setPoint(field, status, pos.coords.latitude, pos.coords.longitude);
        show(pos.coords.latitude, pos.coords.longitude);
      }, function () { status.textContent = status.getAttribute("data-failed"); },
      { enableHighAccuracy: true, timeout: 10000 });
    });
    var holder = document.getElementById("location-map");
    var tiles = box.getAttribute("data-map-tiles");
    if (holder && tiles && window.L) {
      map = L.map(holder).setView([50.3569, 7.5889], 14);
      L.tileLayer(tiles, { attribution: box.getAttribute("data-map-attribution") || "", maxZoom: 19 }).addTo(map);
      map.on("click", function (e) { setPoint(field, status, e.latlng.lat, e.latlng.lng); show(e.latlng.lat, e.latlng.lng); });
      var parts = field.value.split(",");
      if (parts.length === 2) { show(parseFloat(parts[0]), parseFloat(parts[1])); }
    }
  });
})();
