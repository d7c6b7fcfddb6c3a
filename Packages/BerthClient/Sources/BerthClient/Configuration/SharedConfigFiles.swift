/// The two AWS shared files as botocore finds them: `~/.aws/credentials` (`AWS_SHARED_CREDENTIALS_FILE`) with
/// sections named by profile, and `~/.aws/config` (`AWS_CONFIG_FILE`) with `[default]` and `[profile <name>]`.
public struct SharedConfigFiles: Sendable, Equatable {
    /// The credentials file's path.
    public var credentialsPath: String
    /// The config file's path.
    public var configPath: String
    /// The credentials file (empty when missing).
    public var credentials: INIFile
    /// The config file (empty when missing).
    public var config: INIFile

    /// Creates the files from their parsed contents.
    public init(credentialsPath: String, configPath: String, credentials: INIFile, config: INIFile) {
        self.credentialsPath = credentialsPath
        self.configPath = configPath
        self.credentials = credentials
        self.config = config
    }

    /// Finds and reads both files.
    /// - Parameters:
    ///   - environment: the process environment (`HOME`, `AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`).
    ///   - read: returns a file's text, or nil when it does not exist.
    /// - Throws: `ClientError.configuration` when a file exists but cannot be read.
    public static func load(environment: [String: String], read: (String) throws -> String?) throws(ClientError) -> SharedConfigFiles {
        let home = environment["HOME"] ?? ""
        func expand(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst() : path }
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        func parse(_ path: String) throws(ClientError) -> INIFile {
            do {
                return INIFile(parsing: try read(path) ?? "")
            } catch let error as ClientError {
                throw error
            } catch {
                throw .configuration("cannot read \(path): \(error)")
            }
        }
        return SharedConfigFiles(
            credentialsPath: credentialsPath, configPath: configPath, credentials: try parse(credentialsPath), config: try parse(configPath))
    }

    /// The profile's settings in the config file (`[default]`, or `[profile <name>]`; a bare `[<name>]` as a
    /// fallback, which botocore also accepts for the default profile only).
    public func configSection(profile: String) -> [String: String]? {
        if profile == "default" { return config.sections["default"] ?? config.sections["profile default"] }
        return config.sections["profile \(profile)"]
    }

    /// The profile's section in the credentials file (`[<name>]`).
    public func credentialsSection(profile: String) -> [String: String]? { credentials.sections[profile] }
}
