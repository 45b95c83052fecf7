import Foundation

/// Named places where a test may kill the process on purpose (environment variable
/// `CIRCLE_FAULT=NAME`), to prove that what a run leaves behind is consistent when it dies exactly
/// there — a window too narrow to hit with a timed SIGKILL. Unset, a fault point does nothing.
public enum FaultPoint {
    /// Kills the process with SIGKILL when `CIRCLE_FAULT` names this point.
    public static func reach(_ name: String) {
        guard let wanted = ProcessInfo.processInfo.environment["CIRCLE_FAULT"], wanted == name else { return }
        kill(getpid(), SIGKILL)
    }
}
