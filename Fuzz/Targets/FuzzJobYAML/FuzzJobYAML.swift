import CircleJob

/// libFuzzer entry: the job file reader (YAML nesting pre-scan, Yams, key validation).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? JobFile.parse(yaml: text, file: "fuzz.yaml", folder: "/nonexistent/fuzz-job")
    return 0
}
