import ArgumentParser
import CircleEngine
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an output folder: valid RFC 7946 gap polygons that never contradict the origins.",
        discussion: """
            For every item, each origin that covers it must lie outside its gap polygons and each origin \
            missing it inside. Exit code 0 when everything holds, 3 when anything contradicts.

            Example:
              circle verify run/
            """)

    @Argument(help: "An output folder written by `circle analyze`.")
    var folder: String

    func run() throws {
        let report = try GapVerifier.verify(folder: folder)
        for (id, polygons) in report.items { print("\(id): \(polygons) polygons") }
        for problem in report.problems { print("problem: \(problem)") }
        if report.problems.isEmpty {
            print("\(folder): \(report.items.count) gap maps agree with \(report.originsChecked) origins")
        } else {
            print("\(folder): \(report.problems.count) problems")
            throw ExitCode(ExitStatus.verificationFailed)
        }
    }
}
