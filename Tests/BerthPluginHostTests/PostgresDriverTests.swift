import BerthMetadata
import BerthModel
import BerthPluginHost
import Foundation
import MetadataConformance
import Testing

/// The PostgreSQL driver plugin (`libberth-postgres.so`, which `make plugins` builds beside the test binary) carries
/// the host's one SQL implementation of the metadata semantics through the whole conformance suite on a real,
/// throwaway PostgreSQL server, and two stores on one database (two replicas) agree.
@Suite(.serialized) struct PostgresDriverTests {
    static func library() throws -> PluginLibrary {
        do {
            return try PluginLibrary(path: try PluginLocator.locate("postgres", searchPath: PluginLocator.environment("BERTH_PLUGIN_DIR")))
        } catch let error as PluginError {
            throw PluginError(file: error.file, reason: error.reason + "; build it with `make plugins`")
        }
    }

    static func store(_ server: ThrowawayPostgres, database: String = "berth", readers: Int = 2) throws -> SQLMetadataStore {
        let driver = try PluginSQLDriver(library: try library(), configJSON: server.config(database))
        return try SQLMetadataStore(name: server.url(database), readerCount: readers, connect: driver.connect)
    }

    @Test func conformsOnAThrowawayServer() throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let admin = try PluginSQLDriver(library: try Self.library(), configJSON: server.config()).connect()
        let counter = Counter()
        try MetadataConformance {
            let database = "conformance_\(counter.next())"
            try admin.execute("CREATE DATABASE \(database)")
            return try Self.store(server, database: database)
        }.runAll()
        let store = try Self.store(server)
        #expect(try store.schemaVersion == SQLMetadataStore.latestSchemaVersion)
    }

    /// Two stores on one database, as two replicas have: racing writers each see the other's commits (every name
    /// created once, one lease holder, one first setting), and a write one makes is read by the other at once.
    @Test func twoStoresOnOneDatabaseAgree() throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let stores = [try Self.store(server), try Self.store(server)]
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { replica in
            let store = stores[replica]
            for index in 0..<20 {
                do {
                    try store.createRepository(RepositoryRecord(name: "repo-\(index)", createdAt: 1))
                    outcomes.record("created")
                } catch MetadataError.repositoryAlreadyExists {
                    outcomes.record("exists")
                } catch {
                    outcomes.record("error: \(error)")
                }
                do {
                    if try store.acquireLease("lease-\(index)", holder: "replica-\(replica)", until: 100, now: 1) { outcomes.record("lease") }
                    outcomes.record("first=" + (try store.setSettingIfAbsent("setting-\(index)", value: "replica-\(replica)")))
                } catch {
                    outcomes.record("error: \(error)")
                }
            }
        }
        let counts = outcomes.counts()
        #expect(counts["created"] == 20 && counts["exists"] == 20 && counts["lease"] == 20, "\(counts)")
        #expect(counts.keys.allSatisfy { !$0.hasPrefix("error") }, "\(counts)")
        for index in 0..<20 {
            let first = try stores[0].setting("setting-\(index)")
            let second = try stores[1].setting("setting-\(index)")
            #expect(first != nil && first == second)
        }
        #expect(try stores[1].repositoryCount() == 20)
        try stores[0].deleteRepository(named: "repo-0", force: true)
        #expect(try stores[1].repository(named: "repo-0") == nil)
    }

    @Test func aBadConfigurationIsRefusedWithTheReason() throws {
        let library = try Self.library()
        #expect(library.name == "postgres")
        for (config, expected) in [
            ("{}", "needs \"url\""), (#"{"url": "mysql://x@h/db"}"#, "must look like"),
            (#"{"url": "postgresql://berth@127.0.0.1:1/berth"}"#, "cannot connect to 127.0.0.1:1"),
        ] {
            let driver = try PluginSQLDriver(library: library, configJSON: config)
            let error = #expect(throws: PluginError.self) { try driver.connect() }
            #expect(error?.reason.contains(expected) == true, "\(config): \(error?.reason ?? "")")
        }
    }
}

/// Outcomes several threads record.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func record(_ outcome: String) { lock.withLock { values[outcome, default: 0] += 1 } }
    func counts() -> [String: Int] { lock.withLock { values } }
}

/// A counter a non-Sendable closure may bump.
final class Counter {
    private var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}
