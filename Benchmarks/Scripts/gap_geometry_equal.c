/* Geometric equality of two gap-map GeoJSON files (issue 14 §4): prints the area (square
 * degrees) of the symmetric difference of the union of each file's polygons, and whether GEOS
 * finds them topologically equal. Exit 0 when the symmetric difference is at most MAX_AREA
 * (argument 3, default 1e-12: a 1e-7° shift along a metre of boundary), 1 otherwise.
 *   cc -O2 gap_geometry_equal.c $(geos-config --cflags) $(geos-config --clibs) -o gap_geometry_equal
 *   gap_geometry_equal OLD.geojson NEW.geojson [MAX_AREA] */
#include <geos_c.h>
#include <stdio.h>
#include <stdlib.h>

static void message(const char *fmt, void *userdata) { (void)userdata; fprintf(stderr, "GEOS: %s\n", fmt); }

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "%s: cannot open\n", path); exit(2); }
    fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (fread(text, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "%s: cannot read\n", path); exit(2); }
    text[n] = 0; fclose(f);
    return text;
}

static GEOSGeometry *read_union(GEOSContextHandle_t h, const char *path) {
    char *text = slurp(path);
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(h);
    GEOSGeometry *g = GEOSGeoJSONReader_readGeometry_r(h, reader, text);
    GEOSGeoJSONReader_destroy_r(h, reader);
    free(text);
    if (!g) { fprintf(stderr, "%s: not GeoJSON GEOS can read\n", path); exit(2); }
    if (!GEOSisValid_r(h, g)) fprintf(stderr, "%s: invalid: %s\n", path, GEOSisValidReason_r(h, g));
    GEOSGeometry *u = GEOSUnaryUnion_r(h, g);
    GEOSGeom_destroy_r(h, g);
    if (!u) { fprintf(stderr, "%s: GEOS could not dissolve it\n", path); exit(2); }
    return u;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s OLD NEW [MAX_AREA]\n", argv[0]); return 2; }
    double limit = argc > 3 ? atof(argv[3]) : 1e-12;
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(h, message, NULL);
    GEOSGeometry *a = read_union(h, argv[1]), *b = read_union(h, argv[2]);
    GEOSGeometry *d = GEOSSymDifference_r(h, a, b);
    double area = -1, aa = 0, ab = 0;
    if (d) GEOSArea_r(h, d, &area);
    GEOSArea_r(h, a, &aa); GEOSArea_r(h, b, &ab);
    char equal = GEOSEquals_r(h, a, b);
    printf("%s: symmetric difference %.3g deg2 (areas %.12g, %.12g), equals %s\n", argv[2], area, aa, ab,
           equal == 1 ? "yes" : "no");
    return (area >= 0 && area <= limit) ? 0 : 1;
}
