/*
 * cosm.h: a plain C facade over libosmium for ServiceCircle.
 *
 * One call reads a whole .osm.pbf / .osm / .osm.gz / .osm.bz2 file and returns columnar
 * arrays: every node (id, fixed-point coordinates) sorted by id, and every way that has one of
 * the selected "filter" keys (e.g. `highway`) with its node references resolved to node
 * indices and the values of the requested tag keys interned in a string table.
 *
 * No C++ exception crosses this interface: every failure becomes a NULL result and a message
 * in the caller's error buffer.
 */
#ifndef COSM_H
#define COSM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a way reference whose node is not in the file (clipped extracts). */
#define COSM_MISSING UINT32_MAX

/** What to read. All strings are borrowed for the duration of the call. */
typedef struct cosm_options {
    /** Ways are kept only when they carry this key (e.g. "highway"). */
    const char *way_filter_key;
    /** Tag keys whose values are captured for every kept way, in this order. */
    const char *const *way_keys;
    size_t way_key_count;
    /** Nodes and ways with any of these keys are captured as features with all their tags
     *  (facilities from OSM tags). May be empty. */
    const char *const *feature_keys;
    size_t feature_key_count;
} cosm_options;

/** Borrowed, read-only columnar view of a result; valid until cosm_free. */
typedef struct cosm_view {
    size_t node_count;
    const int64_t *node_ids;   /* ascending */
    const int32_t *node_lon;   /* degrees * 1e7 */
    const int32_t *node_lat;   /* degrees * 1e7 */

    size_t way_count;
    const int64_t *way_ids;        /* ascending */
    const uint64_t *way_ref_start; /* way_count + 1 offsets into the ref arrays */
    size_t ref_count;
    const int64_t *ref_ids;        /* OSM node id of each reference */
    const uint32_t *ref_index;     /* index into the node arrays, or COSM_MISSING */
    const int32_t *way_tag_values; /* way_count * way_key_count; -1 = absent, else a string index */

    size_t string_count;
    const char *const *strings;    /* interned tag values, NUL-terminated UTF-8 */

    /* Features: nodes and ways carrying a feature key. */
    size_t feature_count;
    const int64_t *feature_ids;
    const uint8_t *feature_is_way;     /* 0 node, 1 way */
    const int32_t *feature_lon;        /* nodes: degrees * 1e7; ways: 0 */
    const int32_t *feature_lat;
    const uint64_t *feature_tag_start; /* feature_count + 1 offsets into the tag arrays */
    const int32_t *feature_tag_keys;   /* string indices */
    const int32_t *feature_tag_values; /* string indices */
    const uint64_t *feature_ref_start; /* feature_count + 1 offsets into feature_refs (ways only) */
    const uint32_t *feature_refs;      /* node indices, or COSM_MISSING */

    /** 1 when the input was PBF, 0 for OSM XML (possibly compressed). */
    int is_pbf;
} cosm_view;

typedef struct cosm_result cosm_result;

/**
 * Reads the file at `path`. Returns NULL on failure and writes a one-line message
 * (NUL-terminated, truncated to `errlen`) into `errbuf`.
 */
cosm_result *cosm_read(const char *path, const cosm_options *options, char *errbuf, size_t errlen);

/** Fills `out` with borrowed pointers into `result`. */
void cosm_get_view(const cosm_result *result, cosm_view *out);

/** Releases everything `cosm_read` allocated. NULL is ignored. */
void cosm_free(cosm_result *result);

#ifdef __cplusplus
}
#endif

#endif /* COSM_H */
