/*
 * The map of initiatives (Leaflet from static/vendor/leaflet, PDOK's BRT-Achtergrondkaart).
 * The markers come from the GeoJSON address in [data-map-source], which the server writes into
 * the plain list below the map; when htmx swaps in a new list for other filters, the map follows.
 * Markers are drawn on a canvas; pop-ups are built with textContent, never HTML, since names and
 * pitches are typed by people. When too many initiatives match, the server sends one feature per
 * municipality instead (properties.cluster): drawn as a circle with the number in it, whose pop-up
 * links to the map and the list narrowed down to that municipality.
 */
(function () {
  "use strict";

  var element = document.getElementById("initiative-map");
  if (!element || !window.L) {
    return;
  }
  element.textContent = "";

  var UTRECHT = [52.09, 5.25];
  var map = L.map(element, { preferCanvas: true, center: UTRECHT, zoom: 9, minZoom: 6, maxZoom: 18 });
  L.tileLayer(element.dataset.tiles, {
    attribution: element.dataset.attribution,
    minZoom: 6,
    maxZoom: 19,
  }).addTo(map);
  var markers = L.layerGroup().addTo(map);
  var shown = null;

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) {
      p.className = className;
    }
    return p;
  }

  function popup(properties) {
    var content = document.createElement("div");
    var title = document.createElement("p");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    title.appendChild(link);
    content.appendChild(title);
    content.appendChild(paragraph(properties.municipality));
    content.appendChild(paragraph(properties.pitch));
    return content;
  }

  function link(url, text) {
    var p = document.createElement("p");
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    p.appendChild(a);
    return p;
  }

  function clusterPopup(properties) {
    var content = document.createElement("div");
    content.appendChild(paragraph(properties.label));
    content.appendChild(link(properties.url, element.dataset.clusterMap));
    content.appendChild(link(properties.list_url, element.dataset.clusterList));
    return content;
  }

  // Styles set through the DOM, which the Content-Security-Policy allows (inline style attributes
  // it does not): a rust circle sized by the number it holds.
  function clusterIcon(count) {
    var size = Math.round(28 + Math.min(28, 6 * Math.log10(count)));
    var circle = document.createElement("span");
    circle.textContent = String(count);
    var style = circle.style;
    style.display = "flex";
    style.alignItems = "center";
    style.justifyContent = "center";
    style.width = style.height = size + "px";
    style.borderRadius = "50%";
    style.border = "2px solid #7a2a10";
    style.background = "#b3401b";
    style.color = "#ffffff";
    style.fontWeight = "700";
    style.fontSize = "0.875rem";
    return L.divIcon({ html: circle, className: "", iconSize: [size, size] });
  }

  function marker(feature, point) {
    var properties = feature.properties;
    if (properties.cluster) {
      return L.marker(point, {
        icon: clusterIcon(properties.count),
        title: properties.label,
        alt: properties.label,
        keyboard: false,
      }).bindPopup(function () {
        return clusterPopup(properties);
      });
    }
    return L.circleMarker(point, {
      radius: 7,
      color: "#7a2a10",
      weight: 2,
      fillColor: "#b3401b",
      fillOpacity: 0.85,
    }).bindPopup(function () {
      return popup(properties);
    });
  }

  function show(collection) {
    markers.clearLayers();
    var points = collection.features.map(function (feature) {
      var point = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      marker(feature, point).addTo(markers);
      return point;
    });
    if (points.length) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
    }
  }

  function load() {
    var holder = document.querySelector("[data-map-source]");
    var source = holder && holder.dataset.mapSource;
    if (!source || source === shown) {
      return;
    }
    shown = source;
    fetch(source, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        if (source === shown) {
          show(collection);
        }
      })
      .catch(function () {
        shown = null;
      });
  }

  load();
  document.addEventListener("htmx:afterSettle", load);
})();
