import Testing
@testable import CircleSupport

/// The deterministic test pattern: byte `i` is bits 13...20 of `i * 2654435761`.
/// (Python: `bytes(((i * 2654435761) >> 13) & 0xFF for i in range(n))`.)
private func pattern(_ count: Int) -> [UInt8] {
    (0 ..< count).map { UInt8(truncatingIfNeeded: ($0 * 2_654_435_761) >> 13) }
}

private func xxh(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
    bytes.withUnsafeBytes { xxHash64($0, seed: seed) }
}

/// XXH64 of `pattern(100)[..<n]`, seed 0, for n = 0...100, from Python's `xxhash` 3.x module.
private let prefixHashesSeed0: [UInt64] = [
    0xEF46DB3751D8E999, 0xE934A84ADB052768, 0x0CD811486F07AF67,
    0x28823E205E353F69, 0x91B65BBE720C34CF, 0x31FCE8DA85D2B801,
    0xCCB91B19A2295C7C, 0xE2400CDEA02EE3C5, 0x521FD2878EA69D17,
    0x192535DE38F73596, 0x83E5E4E920F92870, 0x89254E83EDE19F13,
    0x3FB737EA78F531BB, 0xCBCFB789E391E255, 0x3C0F9385DD1C6E8D,
    0x4EE77AB371D06E31, 0xB1A375C6BD6BA7AF, 0xBBE746D4E95F47CC,
    0xE4CA0C1102DBEFBD, 0x5C7F78AE263E1DBF, 0x9468E9F65CDAF848,
    0xD6ADBB230F1B77E6, 0x61BE8F16A37D0EA6, 0x33DABA9FF79F1411,
    0x96D6D4E311200682, 0x4BF8998B414FC87E, 0x85B46ED06BA171DC,
    0xCB179C43E9330835, 0x59677F4EF8AF5E38, 0x00E9E4B40CCF4CEE,
    0x85294CB4679DE6DD, 0xB74BAA9042B94DEE, 0x4E13111CED6F735D,
    0xF7B9FAF20B3BCE63, 0xE67A20AB57B411DC, 0x1DF5BD24169BDD20,
    0x3C4249D3E63D33A8, 0x8B4AE0394DC84A49, 0x7F7CD2F0DF107D56,
    0x660AD039B5045B84, 0x2B6E688996C3747C, 0x5882E3A87FA97235,
    0x245B46C5879A8AE0, 0x790C6E769679CA56, 0x77701E5B96123098,
    0x8334078DB7027CC3, 0xF1EB283304318340, 0xBBC1C6D421088B6A,
    0x557151523479ED85, 0x33ACCA17887D632A, 0x78A5C4C596D488B8,
    0xE5C5AC0EC189EDC8, 0x59831837C1FAC70A, 0xC9282403D81EDCFF,
    0xF31ACDD14AC16423, 0x62E923C2A1260556, 0x4C6D5189D62D87B9,
    0xCFC93E37FE2D7FB6, 0xDAA44EEF835AF5BD, 0x7373255815943525,
    0x3A57D4F338D2C61E, 0x757757DCB16093CC, 0xE516FB9D616A1989,
    0x35F935E6044A08AD, 0xCD91DAEC2C21766F, 0x7C795C59456ED577,
    0x24BE48C58A8CF7C4, 0x29970E907B052BD5, 0xA4BF2168BCD017B4,
    0x143945CEF55E82D1, 0x8386634111591081, 0xC34EDA66B8CB41F2,
    0x34F9018093CFB836, 0x75D2D5D8E7772547, 0x344A0C3D18D78A91,
    0xB2FF0C6D615C62A0, 0x35838E0CF284F101, 0x111755F7F2544507,
    0x8D6E377234455674, 0xFE35197A5A2875D3, 0xF9215A4DF088BBBC,
    0x008FE5F0410B5D94, 0x1C72A4DBAB4CA9AF, 0x552D53F844964D73,
    0xD3321DB484286916, 0xB25863A21776966A, 0xCE2ABA6E78A8DF30,
    0xC56A2B392729EF13, 0x8ADFF38715187F18, 0x95603B1E5B68034C,
    0x5B1714E9AE6F81D7, 0x9F4AEE31B04FAB48, 0xC7CAD4384C8F0ECD,
    0xF3460B9507A97C3B, 0x4A5FC647B26DA922, 0x43E31AB374B5317C,
    0x00943940F9EF4F42, 0x8E5C56C72A19B963, 0x2A5951CFB5B3C909,
    0xE7F1E2C22F43CA65, 0xD61EA92C5AE13676,
]

/// XXH64 of `pattern(100)[..<n]`, seed 12345, from Python's `xxhash` module.
private let prefixHashesSeed12345: [(length: Int, hash: UInt64)] = [
    (0, 0x95584AF7701F808D), (1, 0x18B81924B59E1047), (3, 0x2FCDB5575269F74E),
    (4, 0x28C5673330DB0615), (7, 0x4035F0F1657C2F0D), (8, 0x90D4AAAFCDB2AC59),
    (31, 0x0666A89FE4BE3199), (32, 0x484FFE45AB2E8D96), (33, 0x19DEE79BEEA74EAC),
    (63, 0x57E642F3856CCC51), (64, 0xFD3792DE97831073), (100, 0x8930C0AB29BF9089),
]

@Suite struct XXHash64Tests {
    @Test func referenceVectors() {
        #expect(xxh([]) == 0xEF46_DB37_51D8_E999)
        #expect(xxh(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(xxh(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(xxHash64("abc".utf8) == 0x44BC_2CF5_AD77_0999)
    }

    @Test func everyPrefixLengthUpTo100() {
        let bytes = pattern(100)
        #expect(prefixHashesSeed0.count == 101)
        for length in 0 ... 100 {
            #expect(xxh(Array(bytes[..<length])) == prefixHashesSeed0[length], "length \(length)")
        }
        for (length, hash) in prefixHashesSeed12345 {
            #expect(xxh(Array(bytes[..<length]), seed: 12345) == hash, "length \(length)")
        }
    }

    @Test func thousandBytesWithSeeds() {
        let bytes = pattern(1000)
        #expect(xxh(bytes, seed: 0) == 0xB260_5217_30B6_D8D9)
        #expect(xxh(bytes, seed: 12345) == 0xF47B_FB62_FAD8_9816)
        #expect(xxh(bytes, seed: .max) == 0xF47B_EA99_78D7_2B79)
    }

    @Test func unalignedStartsGiveTheSameHash() {
        let bytes = pattern(1000)
        let expected = xxh(Array(bytes[1 ..< 1000]), seed: 9)
        bytes.withUnsafeBytes { raw in
            #expect(xxHash64(UnsafeRawBufferPointer(rebasing: raw[1...]), seed: 9) == expected)
        }
        for offset in 0 ..< 8 {
            let slice = Array(bytes[offset ..< offset + 77])
            let shifted = [UInt8](repeating: 0xAA, count: offset) + slice
            shifted.withUnsafeBytes { raw in
                #expect(xxHash64(UnsafeRawBufferPointer(rebasing: raw[offset...])) == xxh(slice))
            }
        }
    }

    @Test(arguments: [1, 3, 7, 8, 31, 32, 33, 64, 65])
    func incrementalMatchesOneShot(split: Int) {
        let bytes = pattern(1000)
        for total in [0, 1, 4, 31, 32, 33, 63, 64, 100, 1000] {
            for seed: UInt64 in [0, 12345] {
                var hasher = XXHasher64(seed: seed)
                var start = 0
                while start < total {
                    let end = min(start + split, total)
                    bytes[start ..< end].withUnsafeBytes { hasher.update($0) }
                    start = end
                }
                #expect(hasher.finalize() == xxh(Array(bytes[..<total]), seed: seed), "total \(total) split \(split)")
            }
        }
        var hasher = XXHasher64()
        hasher.update(bytes[..<100])
        #expect(hasher.finalize() == prefixHashesSeed0[100])
        hasher.update(bytes[100...])
        #expect(hasher.finalize() == 0xB260_5217_30B6_D8D9)
    }
}
