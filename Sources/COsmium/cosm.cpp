// cosm.cpp: libosmium behind the plain C API of cosm.h.
//
// Every entry point is noexcept in effect: all exceptions are caught here and turned into an
// error message, because a C++ exception unwinding through Swift frames crashes the process.

#include "cosm.h"

#include <osmium/io/any_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

struct cosm_result {
    std::vector<int64_t> node_ids;
    std::vector<int32_t> node_lon, node_lat;
    std::vector<int64_t> way_ids;
    std::vector<uint64_t> way_ref_start;
    std::vector<int64_t> ref_ids;
    std::vector<uint32_t> ref_index;
    std::vector<int32_t> way_tag_values;
    std::vector<int64_t> feature_ids;
    std::vector<uint8_t> feature_is_way;
    std::vector<int32_t> feature_lon, feature_lat;
    std::vector<uint64_t> feature_tag_start{0};
    std::vector<int32_t> feature_tag_keys, feature_tag_values;
    std::vector<uint64_t> feature_ref_start{0};
    std::vector<int64_t> feature_ref_ids;
    std::vector<uint32_t> feature_refs;
    std::vector<std::string> string_storage;
    std::vector<const char *> strings;
    int is_pbf = 0;
};

namespace {

struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Decides the osmium format string from the first bytes, not the file name.
std::string sniff_format(const char *path, int &is_pbf) {
    FILE *f = std::fopen(path, "rb");
    if (!f) throw InputError(std::string("cannot open file: ") + std::strerror(errno));
    unsigned char head[64] = {0};
    size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    if (n == 0) throw InputError("the file is empty");
    is_pbf = 0;
    if (n >= 3 && head[0] == 0x1f && head[1] == 0x8b) return "osm.gz";
    if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') return "osm.bz2";
    if (n >= 16 && head[0] == 0 && head[1] == 0 && head[4] == 0x0a && head[5] == 9 &&
        std::memcmp(head + 6, "OSMHeader", 9) == 0) {
        is_pbf = 1;
        return "pbf";
    }
    size_t i = 0;
    if (n >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf) i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
    if (i < n && head[i] == '<') return "osm";
    throw InputError("not an OSM file: expected OSM PBF (.osm.pbf) or OSM XML (.osm)");
}

// Sorts nodes by id (PBF and XML extracts normally are sorted already) and keeps the last copy
// of a repeated id.
void sort_nodes(cosm_result &r) {
    bool sorted = std::is_sorted(r.node_ids.begin(), r.node_ids.end());
    bool unique = sorted && std::adjacent_find(r.node_ids.begin(), r.node_ids.end()) == r.node_ids.end();
    if (sorted && unique) return;
    std::vector<size_t> order(r.node_ids.size());
    std::iota(order.begin(), order.end(), size_t{0});
    // Ties keep file order, so the last copy of an id wins below.
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return r.node_ids[a] < r.node_ids[b] || (r.node_ids[a] == r.node_ids[b] && a < b);
    });
    std::vector<int64_t> ids;
    std::vector<int32_t> lon, lat;
    for (size_t k = 0; k < order.size(); ++k) {
        size_t i = order[k];
        if (!ids.empty() && ids.back() == r.node_ids[i]) {
            lon.back() = r.node_lon[i];
            lat.back() = r.node_lat[i];
            continue;
        }
        ids.push_back(r.node_ids[i]);
        lon.push_back(r.node_lon[i]);
        lat.push_back(r.node_lat[i]);
    }
    r.node_ids.swap(ids);
    r.node_lon.swap(lon);
    r.node_lat.swap(lat);
}

// Resolves way references to node indices: a bucket table over the id range, then a binary
// search inside the bucket (OSM ids are clustered, so buckets stay small).
void resolve_refs(const std::vector<int64_t> &ids, const std::vector<int64_t> &refs, std::vector<uint32_t> &out) {
    out.assign(refs.size(), COSM_MISSING);
    if (ids.empty()) return;
    const int64_t lo = ids.front(), hi = ids.back();
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    unsigned shift = 0;
    while ((span >> shift) > ids.size()) ++shift;
    const size_t buckets = static_cast<size_t>(span >> shift) + 1;
    std::vector<uint32_t> start(buckets + 1, 0);
    for (int64_t id : ids) ++start[(static_cast<uint64_t>(id - lo) >> shift) + 1];
    for (size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
    for (size_t k = 0; k < refs.size(); ++k) {
        const int64_t id = refs[k];
        if (id < lo || id > hi) continue;
        const size_t b = static_cast<size_t>(static_cast<uint64_t>(id - lo) >> shift);
        auto first = ids.begin() + start[b], last = ids.begin() + start[b + 1];
        auto it = std::lower_bound(first, last, id);
        if (it != last && *it == id) out[k] = static_cast<uint32_t>(it - ids.begin());
    }
}

// Sorts ways by id when the input was not sorted (rare), moving their refs and tags along.
void sort_ways(cosm_result &r, size_t nkeys) {
    if (std::is_sorted(r.way_ids.begin(), r.way_ids.end())) return;
    const size_t n = r.way_ids.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return r.way_ids[a] < r.way_ids[b] || (r.way_ids[a] == r.way_ids[b] && a < b);
    });
    std::vector<int64_t> ids, refs;
    std::vector<uint64_t> starts{0};
    std::vector<int32_t> tags;
    for (size_t i : order) {
        ids.push_back(r.way_ids[i]);
        refs.insert(refs.end(), r.ref_ids.begin() + r.way_ref_start[i], r.ref_ids.begin() + r.way_ref_start[i + 1]);
        starts.push_back(refs.size());
        tags.insert(tags.end(), r.way_tag_values.begin() + i * nkeys, r.way_tag_values.begin() + (i + 1) * nkeys);
    }
    r.way_ids.swap(ids);
    r.ref_ids.swap(refs);
    r.way_ref_start.swap(starts);
    r.way_tag_values.swap(tags);
}

void read_file(const char *path, const cosm_options &opt, cosm_result &r) {
    const std::string format = sniff_format(path, r.is_pbf);
    osmium::io::File file{path, format};
    osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                              osmium::io::read_meta::no};
    std::unordered_map<std::string, int32_t> interned;
    auto intern = [&](const char *v) {
        auto [it, fresh] = interned.try_emplace(v, static_cast<int32_t>(interned.size()));
        if (fresh) r.string_storage.emplace_back(v);
        return it->second;
    };
    auto is_feature = [&](const osmium::TagList &tags) {
        for (size_t k = 0; k < opt.feature_key_count; ++k)
            if (tags.has_key(opt.feature_keys[k])) return true;
        return false;
    };
    auto add_feature = [&](const osmium::OSMObject &obj, bool is_way, int32_t lon, int32_t lat) {
        r.feature_ids.push_back(obj.id());
        r.feature_is_way.push_back(is_way ? 1 : 0);
        r.feature_lon.push_back(lon);
        r.feature_lat.push_back(lat);
        for (const auto &tag : obj.tags()) {
            r.feature_tag_keys.push_back(intern(tag.key()));
            r.feature_tag_values.push_back(intern(tag.value()));
        }
        r.feature_tag_start.push_back(r.feature_tag_keys.size());
        if (is_way)
            for (const auto &ref : static_cast<const osmium::Way &>(obj).nodes()) r.feature_ref_ids.push_back(ref.ref());
        r.feature_ref_start.push_back(r.feature_ref_ids.size());
    };
    const size_t nkeys = opt.way_key_count;
    r.way_ref_start.push_back(0);
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const auto &item : buffer) {
            if (item.type() == osmium::item_type::node) {
                const auto &node = static_cast<const osmium::Node &>(item);
                const osmium::Location loc = node.location();
                if (!loc.valid()) continue;
                r.node_ids.push_back(node.id());
                r.node_lon.push_back(loc.x());
                r.node_lat.push_back(loc.y());
                if (opt.feature_key_count > 0 && !node.tags().empty() && is_feature(node.tags()))
                    add_feature(node, false, loc.x(), loc.y());
            } else if (item.type() == osmium::item_type::way) {
                const auto &way = static_cast<const osmium::Way &>(item);
                const auto &tags = way.tags();
                if (opt.feature_key_count > 0 && is_feature(tags)) add_feature(way, true, 0, 0);
                if (opt.way_filter_key && !tags.has_key(opt.way_filter_key)) continue;
                r.way_ids.push_back(way.id());
                for (const auto &ref : way.nodes()) r.ref_ids.push_back(ref.ref());
                r.way_ref_start.push_back(r.ref_ids.size());
                for (size_t k = 0; k < nkeys; ++k) {
                    const char *v = tags.get_value_by_key(opt.way_keys[k]);
                    if (!v) {
                        r.way_tag_values.push_back(-1);
                        continue;
                    }
                    r.way_tag_values.push_back(intern(v));
                }
            }
        }
    }
    reader.close();
    sort_nodes(r);
    sort_ways(r, nkeys);
    resolve_refs(r.node_ids, r.ref_ids, r.ref_index);
    resolve_refs(r.node_ids, r.feature_ref_ids, r.feature_refs);
    r.strings.reserve(r.string_storage.size());
    for (const auto &s : r.string_storage) r.strings.push_back(s.c_str());
}

void write_error(char *errbuf, size_t errlen, const char *message) {
    if (!errbuf || errlen == 0) return;
    std::snprintf(errbuf, errlen, "%s", message);
}

} // namespace

extern "C" cosm_result *cosm_read(const char *path, const cosm_options *options, char *errbuf, size_t errlen) {
    cosm_result *r = nullptr;
    try {
        r = new cosm_result();
        cosm_options empty{nullptr, nullptr, 0, nullptr, 0};
        read_file(path, options ? *options : empty, *r);
        return r;
    } catch (const InputError &e) {
        write_error(errbuf, errlen, e.what());
    } catch (const std::bad_alloc &) {
        write_error(errbuf, errlen, "out of memory while reading the file");
    } catch (const std::exception &e) {
        std::string msg = std::string("corrupt or unreadable OSM data: ") + e.what();
        write_error(errbuf, errlen, msg.c_str());
    } catch (...) {
        write_error(errbuf, errlen, "unknown error while reading the file");
    }
    delete r;
    return nullptr;
}

extern "C" void cosm_get_view(const cosm_result *r, cosm_view *out) {
    out->node_count = r->node_ids.size();
    out->node_ids = r->node_ids.data();
    out->node_lon = r->node_lon.data();
    out->node_lat = r->node_lat.data();
    out->way_count = r->way_ids.size();
    out->way_ids = r->way_ids.data();
    out->way_ref_start = r->way_ref_start.data();
    out->ref_count = r->ref_ids.size();
    out->ref_ids = r->ref_ids.data();
    out->ref_index = r->ref_index.data();
    out->way_tag_values = r->way_tag_values.data();
    out->string_count = r->strings.size();
    out->strings = r->strings.data();
    out->feature_count = r->feature_ids.size();
    out->feature_ids = r->feature_ids.data();
    out->feature_is_way = r->feature_is_way.data();
    out->feature_lon = r->feature_lon.data();
    out->feature_lat = r->feature_lat.data();
    out->feature_tag_start = r->feature_tag_start.data();
    out->feature_tag_keys = r->feature_tag_keys.data();
    out->feature_tag_values = r->feature_tag_values.data();
    out->feature_ref_start = r->feature_ref_start.data();
    out->feature_refs = r->feature_refs.data();
    out->is_pbf = r->is_pbf;
}

extern "C" void cosm_free(cosm_result *r) { delete r; }
