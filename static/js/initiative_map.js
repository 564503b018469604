/*
 * The small map on an initiative's page. The page says where the initiative is in text; this
 * only adds a picture of it. The element carries everything (data-latitude, data-longitude,
 * data-zoom, data-tiles, data-attribution, and the zoom buttons' names data-zoom-in and
 * data-zoom-out) so no script is written inline (strict CSP).
 */
(function () {
  "use strict";

  function showMap(element) {
    var latitude = parseFloat(element.dataset.latitude);
    var longitude = parseFloat(element.dataset.longitude);
    if (!window.L || isNaN(latitude) || isNaN(longitude)) {
      return;
    }
    element.hidden = false;
    var point = [latitude, longitude];
    var map = window.L.map(element, {
      center: point,
      zoom: parseInt(element.dataset.zoom, 10) || 14,
      minZoom: 7,
      maxZoom: 19,
      scrollWheelZoom: false,
      attributionControl: false,
      zoomControl: false,
    });
    window.L.control
      .zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut })
      .addTo(map);
    window.L.control.attribution({ prefix: false }).addAttribution(element.dataset.attribution).addTo(map);
    window.L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
    window.L.circleMarker(point, {
      radius: 10,
      color: "#7a2a10",
      weight: 3,
      fillColor: "#b3401b",
      fillOpacity: 0.9,
      interactive: false,
    }).addTo(map);
  }

  function start() {
    var element = document.getElementById("initiative-map");
    if (element) {
      showMap(element);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
