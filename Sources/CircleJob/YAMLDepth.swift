import CYaml

/// Nesting of a YAML document, measured on libyaml's event stream before Yams composes it.
///
/// Yams builds its node tree recursively, one stack frame per level, so a few thousand nested
/// `[`, `{` or block lists overflow the stack (SIGSEGV). libyaml's own parser keeps its states on
/// the heap, so counting the start and end events of sequences and mappings is safe at any depth,
/// and it sees exactly the nesting that Yams would: the same parser produces both.
enum YAMLDepth {
    /// The deepest nesting a job file may have (a job file needs 2: a mapping holding lists).
    static let limit = 64

    /// The first place where nesting exceeds `limit`: the 1-based line of the collection that
    /// goes one level too deep; nil when the document stays within it or when libyaml finds a
    /// syntax error first (Yams then reports that error).
    static func firstTooDeep(_ yaml: String, limit: Int = limit) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > limit { return Int(event.start_mark.line) + 1 }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    break
                }
            }
            return nil
        }
    }
}
