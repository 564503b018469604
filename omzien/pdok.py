"""PDOK, the Dutch government's map service: the background of every map on the portal."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The one host the browser fetches map tiles from (the Content-Security-Policy allows it).
HOST = "https://service.pdok.nl"
# The BRT background map in web Mercator, as Leaflet's tile layer wants it.
TILE_URL = f"{HOST}/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{{z}}/{{x}}/{{y}}.png"
# PDOK's terms ask for the source under the map.
ATTRIBUTION = format_lazy("{} © Kadaster", _("Map data"))
