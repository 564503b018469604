/*
 * The map of initiatives (Leaflet from static/vendor/leaflet, PDOK's BRT-Achtergrondkaart).
 * The markers come from the GeoJSON address in [data-map-source], which the server writes into
 * the plain list below the map; when htmx swaps in a new list for other filters, the map follows.
 * Pop-ups are built with textContent, never HTML, since names and pitches are typed by people.
 *
 * Many initiatives share a point (all those without an address of their own sit on their
 * municipality's centre), so the markers are grouped by Leaflet.markercluster (static/vendor/
 * leaflet.markercluster): a numbered circle that zooms in when clicked, and at the closest zoom,
 * or when all its initiatives share one point, spreads them out so each one can be clicked.
 * Markers and circles are keyboard-reachable buttons with a name. Their look is in css/map.css
 * (no inline styles: the Content-Security-Policy forbids them).
 *
 * When too many initiatives match, the server sends one feature per municipality instead
 * (properties.cluster): drawn as such a circle too, whose pop-up links to the map and the list
 * narrowed down to that municipality.
 */
(function () {
  "use strict";

  var element = document.getElementById("initiative-map");
  if (!element || !window.L || !L.markerClusterGroup) {
    return;
  }
  element.textContent = "";

  var UTRECHT = [52.09, 5.25];
  var CLUSTER_SIZES = { small: [34, 34], medium: [42, 42], large: [50, 50] };
  var map = L.map(element, {
    center: UTRECHT,
    zoom: 9,
    minZoom: 6,
    maxZoom: 18,
    zoomControl: false,
  });
  // The zoom buttons' names in the page's language (data-zoom-in, data-zoom-out).
  L.control
    .zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut })
    .addTo(map);
  L.tileLayer(element.dataset.tiles, {
    attribution: element.dataset.attribution,
    minZoom: 6,
    maxZoom: 19,
  }).addTo(map);
  var grouped = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    spiderfyDistanceMultiplier: 1.4,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      return namedIcon(String(count), clusterLabel(count), clusterSize(count));
    },
  }).addTo(map);
  // A spread-out circle of many initiatives is larger than the circle was: bring it into view
  // (panning keeps it spread out; zooming would fold it up again).
  grouped.on("spiderfied", function (event) {
    map.panTo(event.cluster.getLatLng());
  });
  var municipalities = L.layerGroup().addTo(map);
  var shown = null;

  // A div icon whose element carries a name for screen readers, since Leaflet makes every
  // keyboard-reachable marker a button.
  var NamedIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      div.setAttribute("aria-label", this.options.label);
      return div;
    },
  });

  function namedIcon(text, label, size) {
    var content = document.createElement("span");
    content.textContent = text;
    return new NamedIcon({
      html: content,
      label: label,
      className: "omzien-map-cluster omzien-map-cluster--" + size,
      iconSize: CLUSTER_SIZES[size],
    });
  }

  function clusterSize(count) {
    if (count < 10) {
      return "small";
    }
    return count < 50 ? "medium" : "large";
  }

  // "12 initiatives here: show them"; a circle always holds two or more, so no singular.
  function clusterLabel(count) {
    return count + " " + element.dataset.clusterLabel;
  }

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
    var where = properties.place ? properties.place + ", " + properties.municipality : properties.municipality;
    content.appendChild(paragraph(where));
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

  function marker(feature, point) {
    var properties = feature.properties;
    if (properties.cluster) {
      return L.marker(point, {
        icon: namedIcon(String(properties.count), properties.label, clusterSize(properties.count)),
      })
        .bindPopup(function () {
          return clusterPopup(properties);
        }, popupOptions());
    }
    return L.marker(point, {
      icon: new NamedIcon({ className: "omzien-map-marker", iconSize: [18, 18], label: properties.name }),
    })
      .bindPopup(function () {
        return popup(properties);
      }, popupOptions());
  }

  // Leaflet's pop-up is up to 300 px wide plus its margins: on a phone, keep it inside the map.
  function popupOptions() {
    return { maxWidth: Math.max(160, Math.min(300, element.clientWidth - 80)) };
  }

  function show(collection) {
    grouped.clearLayers();
    municipalities.clearLayers();
    var initiatives = [];
    var points = collection.features.map(function (feature) {
      var point = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var layer = marker(feature, point);
      if (feature.properties.cluster) {
        layer.addTo(municipalities);
      } else {
        initiatives.push(layer);
      }
      return point;
    });
    grouped.addLayers(initiatives);
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
