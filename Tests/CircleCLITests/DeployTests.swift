import Foundation
import Testing
import Yams

/// The example manifests of docs/sharding.md run as their schedulers would run them: the Slurm
/// batch scripts with the array variables set, the Kubernetes Indexed Job's container command with
/// each completion index. Both give the outputs of one process; a rerun with nothing changed succeeds.
@Suite(.serialized) struct DeployTests {
    static let deploy = CLI.root.appendingPathComponent("deploy")

    /// A job file in `dir` writing `dir/NAME-out` through `dir/NAME-parts`.
    func job(_ dir: URL, _ name: String) throws -> URL {
        let g = AnalyzeTests.geodata.path
        let text = """
            network: \(CLI.helsinki)
            origins: \(g)/test-origins.csv
            facilities: [\(g)/test-facilities.csv]
            items: [\(AnalyzeTests.items)]
            out: \(name)-out
            parts: \(name)-parts
            """
        let url = dir.appendingPathComponent("\(name).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    var path: String {
        CLI.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    func sameOutputs(_ a: URL, _ b: URL) throws -> Bool {
        let names = ["times.csv", "origins.csv", "subdistricts.csv", "summary.json", "report.html", "gaps.geojson"]
        return try names.allSatisfy { try Data(contentsOf: a.appendingPathComponent($0)) == Data(contentsOf: b.appendingPathComponent($0)) }
    }

    @Test func slurmArrayAndKubernetesIndexedJobGiveTheSingleProcessOutputs() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let single = try CLI.run(["run", try job(dir, "single").path, "--quiet"])
        #expect(single.status == 0, "\(single.stderr)")

        // Slurm: the array's tasks, then the merge; twice (the second time nothing changed).
        let slurmJob = try job(dir, "slurm").path
        for _ in 0..<2 {
            for k in 1...3 {
                let r = try CLI.runTool("/bin/bash", [Self.deploy.appendingPathComponent("slurm/circle-shards.sbatch").path], in: dir,
                                        environment: ["CIRCLE_JOB": slurmJob, "SLURM_ARRAY_TASK_ID": "\(k)",
                                                      "SLURM_ARRAY_TASK_COUNT": "3", "PATH": path])
                #expect(r.status == 0, "\(r.stderr)")
            }
            let m = try CLI.runTool("/bin/bash", [Self.deploy.appendingPathComponent("slurm/circle-merge.sbatch").path], in: dir,
                                    environment: ["CIRCLE_JOB": slurmJob, "PATH": path])
            #expect(m.status == 0, "\(m.stderr)")
        }
        #expect(try sameOutputs(dir.appendingPathComponent("single-out"), dir.appendingPathComponent("slurm-out")))

        // Kubernetes: the two Jobs' container commands, the first once per completion index.
        let text = try String(contentsOf: Self.deploy.appendingPathComponent("kubernetes/circle-nightly.yaml"), encoding: .utf8)
        let jobs = try Yams.load_all(yaml: text).map { $0 as! [String: Any] }
        #expect(jobs.map { ($0["metadata"] as! [String: Any])["name"] as! String } == ["circle-shards", "circle-merge"])
        let k8sJob = try job(dir, "k8s").path
        for (n, manifest) in jobs.enumerated() {
            let spec = manifest["spec"] as! [String: Any]
            let pod = (spec["template"] as! [String: Any])["spec"] as! [String: Any]
            let container = (pod["containers"] as! [[String: Any]])[0]
            var env = Dictionary(uniqueKeysWithValues: (container["env"] as! [[String: Any]]).map {
                ($0["name"] as! String, "\($0["value"]!)")
            })
            env["CIRCLE_JOB"] = k8sJob
            env["PATH"] = path
            let command = container["command"] as! [String] + (container["args"] as! [String])
            #expect(command.prefix(2) == ["/bin/sh", "-c"])
            let indices: [Int]
            if n == 0 {
                #expect(spec["completionMode"] as? String == "Indexed")
                let completions = spec["completions"] as! Int
                #expect(env["CIRCLE_SHARDS"] == "\(completions)")
                indices = Array(0..<completions)
            } else {
                indices = [-1]
            }
            for index in indices {
                if index >= 0 { env["JOB_COMPLETION_INDEX"] = "\(index)" }
                let r = try CLI.runTool(command[0], Array(command.dropFirst()), in: dir, environment: env)
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        #expect(try sameOutputs(dir.appendingPathComponent("single-out"), dir.appendingPathComponent("k8s-out")))
    }
}
