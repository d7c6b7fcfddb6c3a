import Foundation

/// A bounded pool of threads that request work runs on (`withTaskExecutorPreference(StorageExecutor.shared)`), so the
/// synchronous storage calls of the core (SQLite, plugin calls, file metadata) block one of these threads, never the
/// Swift concurrency pool (one thread per core) that every other task shares.
public final class StorageExecutor: TaskExecutor, @unchecked Sendable {
    /// The pool request handlers use: 16 threads.
    public static let shared = StorageExecutor(threads: 16)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0

    /// A pool of `threads` threads, started now and never stopped.
    public init(threads: Int) {
        for index in 0..<max(1, threads) {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "berth-storage-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next > 1024, next * 2 > jobs.count {
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }
}
