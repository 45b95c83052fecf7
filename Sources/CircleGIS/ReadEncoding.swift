import CGDAL
import CircleInput
import Foundation

/// The text encoding of an input file: a Shapefile's `.cpg` (or `--encoding`), decoded to UTF-8
/// through GDAL's iconv-backed `CPLRecode`.
enum ReadEncoding {
    /// Checks that iconv knows `name` (GBK, GB18030, CP936, UTF-8, BIG5, …).
    ///
    /// - Throws: ``InputError`` naming `path` and the option.
    static func check(_ name: String, path: String) throws {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw InputError(path: path, problem: "--encoding is empty (e.g. --encoding GBK)") }
        do { try GDALLibrary.ensureRegistered() } catch {
            throw InputError(path: path, problem: "--encoding needs GDAL's iconv: \(error)")
        }
        _ = GDALLibrary.lastError()
        VSIFree(CPLRecode("a", trimmed, "UTF-8"))
        if GDALLibrary.lastError() != nil {
            throw InputError(path: path, problem: "--encoding '\(trimmed)' is not an encoding known to iconv "
                             + "(e.g. GBK, GB18030, UTF-8, BIG5)")
        }
    }

    /// The encoding a Shapefile's `.cpg` names, if it has one.
    static func codePage(of source: LayerSource) -> String? {
        guard let cpg = source.sidecar("cpg"), let data = FileManager.default.contents(atPath: cpg) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The hint for text that is not UTF-8 in `source`.
    static func hint(_ source: LayerSource, given: String?) -> String {
        if let given { return "it is not \(given) text either; check --encoding" }
        if source.format == .shapefile {
            if let cpg = codePage(of: source) {
                return "its .cpg says \(cpg), which does not decode it; give the real encoding, e.g. --encoding GBK"
            }
            return "the Shapefile has no .cpg naming its encoding; give it, e.g. --encoding GBK (or GB18030)"
        }
        return "save it as UTF-8, or give its encoding, e.g. --encoding GBK"
    }

    /// `bytes` (a CSV or GeoJSON file in `encoding`) as UTF-8.
    ///
    /// - Throws: ``InputError`` when iconv cannot decode them.
    static func decode(_ bytes: [UInt8], from encoding: String, path: String) throws -> [UInt8] {
        try check(encoding, path: path)
        if bytes.contains(0) {
            throw InputError(path: path, problem: "holds NUL bytes: not \(encoding) text")
        }
        _ = GDALLibrary.lastError()
        let out: [UInt8] = (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let recoded = CPLRecode(chars.baseAddress, encoding.trimmingCharacters(in: .whitespaces), "UTF-8")
                defer { VSIFree(recoded) }
                return Array(UnsafeRawBufferPointer(start: recoded, count: strlen(recoded)))
            }
        }
        if let message = GDALLibrary.lastError() {
            throw InputError(path: path, problem: "is not \(encoding) text: \(message)")
        }
        return out
    }
}
