#!/usr/bin/env python3
"""Write a points CSV (id,...,lon,lat) as a GeoJSON FeatureCollection of Point features, for the
reader benchmark (`circle-bench points FILE`): every other column becomes a property (numbers
stay numbers), one feature per line, as GIS exports usually write them.

    python3 points_geojson.py data/city1m_origins.csv data/city1m_origins.geojson
"""
import csv
import json
import sys


def value(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        rows = csv.DictReader(f)
        out.write('{"type": "FeatureCollection", "features": [\n')
        first = True
        for row in rows:
            lon, lat = row.pop("lon"), row.pop("lat")
            feature = {"type": "Feature", "properties": {k: value(v) for k, v in row.items()},
                       "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]}}
            text = json.dumps(feature, ensure_ascii=False)
            # Coordinates as written in the CSV (7 decimals), not Python's shortest repr.
            text = text.replace(json.dumps([float(lon), float(lat)]), "[%s, %s]" % (lon, lat))
            out.write(("" if first else ",\n") + text)
            first = False
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
