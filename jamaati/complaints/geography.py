"""Is a point in Morocco? A coarse outline of the national territory (southern provinces
included) as data, and a pure point-in-polygon test.

The outline follows the coast and the land borders to within a few tens of kilometres: it
refuses a point in Spain, Algeria, Mauritania, the Canary Islands or the open ocean, and it is
not meant to tell one commune from another (routing uses the collectivity the complaint is
filed at, never the point). No map service is used: the platform runs without internet.
"""

from decimal import Decimal

# (latitude, longitude) vertices, clockwise from Cap Spartel.
MOROCCO_OUTLINE: tuple[tuple[float, float], ...] = (
    (35.80, -5.95),  # Cap Spartel
    (35.95, -5.30),  # Strait of Gibraltar
    (35.30, -4.40),  # Al Hoceima coast
    (35.45, -3.00),  # Nador coast
    (35.12, -2.20),  # Saïdia, mouth of the Moulouya
    (34.80, -1.75),  # Algerian border, east of Oujda
    (34.20, -1.70),
    (33.60, -1.65),
    (32.40, -1.15),
    (32.08, -1.15),  # Figuig
    (31.95, -2.60),
    (31.65, -3.65),
    (30.90, -3.70),
    (30.45, -4.80),
    (29.90, -5.60),
    (29.45, -7.50),
    (28.70, -8.67),
    (27.67, -8.67),  # the tripoint with Algeria and Mauritania
    (26.00, -8.67),  # Mauritanian border
    (26.00, -12.00),
    (23.45, -12.00),
    (22.75, -13.15),
    (21.33, -13.00),
    (21.33, -17.05),  # Lagouira
    (22.30, -16.80),  # Cap Barbas
    (23.60, -16.10),
    (24.00, -15.90),  # Dakhla peninsula
    (24.60, -15.30),
    (26.10, -14.60),  # Boujdour
    (27.00, -13.50),  # Laâyoune coast
    (27.95, -13.00),  # Tarfaya
    (28.50, -11.50),  # Tan-Tan coast
    (29.40, -10.25),  # Sidi Ifni
    (30.62, -9.95),  # Cap Ghir
    (31.50, -9.88),  # Essaouira
    (32.30, -9.35),  # Safi
    (33.30, -8.60),  # El Jadida
    (33.65, -7.70),  # Casablanca
    (34.10, -6.95),  # Rabat
    (34.40, -6.70),  # Kénitra
    (35.20, -6.25),  # Larache
    (35.50, -6.10),  # Asilah
)


def point_in_polygon(lat: float, lon: float, polygon: tuple[tuple[float, float], ...]) -> bool:
    """True when (lat, lon) lies inside `polygon` (even-odd ray casting along the longitude
    axis); a point exactly on an edge may fall either side."""
    inside = False
    count = len(polygon)
    for i in range(count):
        lat1, lon1 = polygon[i]
        lat2, lon2 = polygon[(i + 1) % count]
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def is_in_morocco(latitude: float | Decimal, longitude: float | Decimal) -> bool:
    """True when the point lies inside the coarse outline of the national territory."""
    return point_in_polygon(float(latitude), float(longitude), MOROCCO_OUTLINE)
