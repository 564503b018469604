#!/bin/sh
# Copies the front-end files the portal serves from node_modules/ into static/vendor/, with
# their licences. Run through `make vendor` (npm ci first); the result is committed, so running
# the portal needs no Node.
#
# Only the component CSS of the NL Design System is used. The @utrecht/design-tokens package is
# not: its files are proprietary to Gemeente Utrecht ("all rights reserved"), so the network sets
# its own token values in static/css/portal.css instead.
set -eu

cd "$(dirname "$0")/.."
src=node_modules
dest=static/vendor

rm -rf "$dest/utrecht" "$dest/noto-sans" "$dest/htmx" "$dest/leaflet" "$dest/leaflet.markercluster"
mkdir -p "$dest/utrecht/component-library-css" "$dest/noto-sans" "$dest/htmx" "$dest/leaflet/images" \
    "$dest/leaflet.markercluster"

# NL Design System components (EUPL-1.2), one bundled stylesheet.
cp "$src/@utrecht/component-library-css/dist/index.css" "$dest/utrecht/component-library-css/index.css"
cp "$src/@utrecht/component-library-css/LICENSE.md" "$dest/utrecht/component-library-css/LICENSE.md"

# Noto Sans (SIL OFL 1.1), Latin subset only: Dutch and English need nothing more.
for style in normal italic; do
    cp "$src/@fontsource-variable/noto-sans/files/noto-sans-latin-wght-$style.woff2" "$dest/noto-sans/"
done
cp "$src/@fontsource-variable/noto-sans/LICENSE" "$dest/noto-sans/LICENSE"

# htmx (0BSD): partial page updates for the directory's filters. Version 2, whose config keys
# (allowEval, includeIndicatorStyles) let it run under the strict Content-Security-Policy.
cp "$src/htmx.org/dist/htmx.min.js" "$dest/htmx/htmx.min.js"
cp "$src/htmx.org/LICENSE" "$dest/htmx/LICENSE"

# Leaflet (BSD-2-Clause): the map of initiatives, with its marker and layer images.
cp "$src/leaflet/dist/leaflet.js" "$src/leaflet/dist/leaflet.css" "$dest/leaflet/"
# The source map is not shipped; a dangling reference would stop collectstatic's manifest.
sed -i '/^\/\/# sourceMappingURL=/d' "$dest/leaflet/leaflet.js"
cp "$src/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$src/leaflet/LICENSE" "$dest/leaflet/LICENSE"

# Leaflet.markercluster (MIT): initiatives on the same or nearby points as one numbered circle,
# spread out ("spiderfied") at the closest zoom. Only its structural stylesheet; the look of the
# circles is the portal's own (static/css/map.css).
cp "$src/leaflet.markercluster/dist/leaflet.markercluster.js" "$src/leaflet.markercluster/dist/MarkerCluster.css" \
    "$dest/leaflet.markercluster/"
sed -i '/^\/\/# sourceMappingURL=/d' "$dest/leaflet.markercluster/leaflet.markercluster.js"
cp "$src/leaflet.markercluster/MIT-LICENCE.txt" "$dest/leaflet.markercluster/LICENSE"

echo "Copied into $dest:"
find "$dest/utrecht" "$dest/noto-sans" "$dest/htmx" "$dest/leaflet" "$dest/leaflet.markercluster" -type f | sort
