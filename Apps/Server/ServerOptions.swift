import ArgumentParser

/// berth-server's flags; each also reads its `BERTH_*` environment variable.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (env BERTH_HOST).")
    var host: String = Environment.string("BERTH_HOST") ?? "127.0.0.1"

    @Option(help: "Port to listen on (env BERTH_PORT).")
    var port: Int = Environment.int("BERTH_PORT") ?? 5000
}
