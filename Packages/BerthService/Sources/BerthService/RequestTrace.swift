/// The id of the request the current task serves, set by the door (BerthHTTP) for everything below it, so the core
/// can name the request when it logs a failure it must not answer with (a best-effort cleanup that failed).
public enum RequestTrace {
    /// The request id, when a request is being served.
    @TaskLocal public static var requestID: String?
}
