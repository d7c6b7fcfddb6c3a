import ArgumentParser
import BerthStoreSetup

/// berth-worker's flags; each also reads its `BERTH_*` environment variable, and the flag wins.
struct WorkerOptions: ParsableArguments {
    @OptionGroup var stores: StoreOptions

    @Option(name: .customLong("gc-grace"), help: "Keep unreferenced blobs whose links were used this recently (env BERTH_GC_GRACE).")
    var gcGrace: DurationArgument = Environment.string("BERTH_GC_GRACE").flatMap(DurationArgument.init(argument:)) ?? DurationArgument(hours: 1)

    @Option(name: .customLong("upload-max-age"), help: "Expire upload sessions idle this long (env BERTH_UPLOAD_MAX_AGE).")
    var uploadMaxAge: DurationArgument =
        Environment.string("BERTH_UPLOAD_MAX_AGE").flatMap(DurationArgument.init(argument:)) ?? DurationArgument(hours: 24)

    @Option(help: "Time between passes (env BERTH_WORKER_INTERVAL).")
    var interval: DurationArgument =
        Environment.string("BERTH_WORKER_INTERVAL").flatMap(DurationArgument.init(argument:)) ?? DurationArgument(hours: 0.25)

    @Flag(help: "Run one pass and exit (waiting first while another worker holds the lease).")
    var once = false

    @Flag(name: .customLong("dry-run"), help: "Report what a pass would expire and delete, changing nothing (implies --once).")
    var dryRun = false

    @Option(name: .customLong("account-id"), help: "The account the registries answer as (env BERTH_ACCOUNT_ID).")
    var accountID: String = Environment.string("BERTH_ACCOUNT_ID") ?? "123456789012"
}

extension DurationArgument {
    /// `hours` hours.
    init(hours: Double) {
        self.seconds = hours * 3_600
        self.description = hours >= 1 ? "\(Int(hours))h" : "\(Int(hours * 60))m"
    }
}
