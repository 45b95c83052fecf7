/* Geometric equality of two gap-map GeoJSON files (issue 14 §4): prints the area (square
 * degrees) of the symmetric difference of each pair of features (one MultiPolygon per item, in
 * order), summed. Exit 0 when the feature counts agree, every new feature is valid and
 * the summed symmetric difference is at most MAX_AREA (argument 3, default 1e-12: a 1e-7° shift along a metre of boundary), 1 otherwise.
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

static GEOSGeometry *read_features(GEOSContextHandle_t h, const char *path) {
    char *text = slurp(path);
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(h);
    GEOSGeometry *g = GEOSGeoJSONReader_readGeometry_r(h, reader, text);
    GEOSGeoJSONReader_destroy_r(h, reader);
    free(text);
    if (!g) { fprintf(stderr, "%s: not GeoJSON GEOS can read\n", path); exit(2); }
    return g;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s OLD NEW [MAX_AREA]\n", argv[0]); return 2; }
    double limit = argc > 3 ? atof(argv[3]) : 1e-12;
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(h, message, NULL);
    /* Feature by feature (one MultiPolygon per item): each is valid on its own. */
    GEOSGeometry *a = read_features(h, argv[1]), *b = read_features(h, argv[2]);
    int n = GEOSGetNumGeometries_r(h, a), m = GEOSGetNumGeometries_r(h, b), ok = n == m;
    double total = 0;
    for (int i = 0; ok && i < n; i++) {
        const GEOSGeometry *x = GEOSGetGeometryN_r(h, a, i), *y = GEOSGetGeometryN_r(h, b, i);
        if (!GEOSisValid_r(h, y)) { fprintf(stderr, "%s: feature %d invalid\n", argv[2], i + 1); ok = 0; break; }
        GEOSGeometry *d = GEOSSymDifference_r(h, x, y);
        double area = -1;
        if (!d || !GEOSArea_r(h, d, &area)) { ok = 0; break; }
        GEOSGeom_destroy_r(h, d);
        total += area;
    }
    printf("%s: %d and %d features, symmetric difference %.3g deg2\n", argv[2], n, m, total);
    return (ok && total <= limit) ? 0 : 1;
}
