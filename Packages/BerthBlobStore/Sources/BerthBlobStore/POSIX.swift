#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin, throwing wrappers over the POSIX calls the file-system store uses (no Foundation in hot paths).
/// Every failure becomes `BlobStoreError.backend` naming the call, the path and the system's reason.
enum POSIX {
    /// A `BlobStoreError.backend` for the current `errno`.
    static func failure(_ call: String, _ path: String, _ code: Int32 = errno) -> BlobStoreError {
        .backend("\(call) \(path): \(String(cString: strerror(code))) (errno \(code))")
    }

    /// Opens `path`; retries on EINTR.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws -> Int32 {
        guard let fd = try openIfPresent(path, flags, mode: mode) else { throw failure("open", path, ENOENT) }
        return fd
    }

    /// Opens `path`, returning nil when it (or its directory) does not exist.
    static func openIfPresent(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws -> Int32? {
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            let code = errno
            if code == EINTR { continue }
            if code == ENOENT { return nil }
            throw failure("open", path, code)
        }
    }

    /// Writes all of `bytes` at `offset`, calling `written` after each successful piece.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String, written: (UnsafeRawBufferPointer) -> Void)
        throws
    {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let count = pwrite(fd, base + done, bytes.count - done, off_t(offset + Int64(done)))
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("pwrite", path)
            }
            written(UnsafeRawBufferPointer(start: base + done, count: count))
            done += count
        }
    }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end of the file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = pread(fd, base, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw failure("pread", path) }
        }
    }

    /// Flushes a file's data and metadata to the device.
    static func sync(_ fd: Int32, path: String) throws {
        while fsync(fd) != 0 {
            if errno != EINTR { throw failure("fsync", path) }
        }
    }

    /// Makes the entries of directory `path` (renames, creations) durable.
    static func syncDirectory(_ path: String) throws {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { systemClose(fd) }
        try sync(fd, path: path)
    }

    /// The size of an open file.
    static func size(_ fd: Int32, path: String) throws -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("fstat", path) }
        return Int64(info.st_size)
    }

    /// Cuts an open file to `length` bytes.
    static func truncate(_ fd: Int32, to length: Int64, path: String) throws {
        guard ftruncate(fd, off_t(length)) == 0 else { throw failure("ftruncate", path) }
    }

    /// Closes a descriptor, ignoring errors (there is nothing useful to do with them after fsync).
    static func close(_ fd: Int32) {
        systemClose(fd)
    }

    /// The size of `path` and whether it is a directory, or nil when it does not exist.
    static func fileInfo(_ path: String) throws -> (size: Int64, isDirectory: Bool)? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("stat", path)
        }
        return (Int64(info.st_size), (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// Creates directory `path`; returns false when it already existed.
    @discardableResult static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST { return false }
        throw failure("mkdir", path)
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            try makeDirectory(prefix)
            prefix += "/"
        }
    }

    /// Moves `source` over `destination` atomically.
    static func rename(_ source: String, _ destination: String) throws {
        guard systemRename(source, destination) == 0 else { throw failure("rename", "\(source) -> \(destination)") }
    }

    /// Removes a file; returns false when it did not exist.
    @discardableResult static func unlink(_ path: String) throws -> Bool {
        if systemUnlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw failure("unlink", path)
    }

    /// The names in directory `path` (without `.` and `..`), or nil when it does not exist.
    static func entries(_ path: String) throws -> [String]? {
        guard let directory = opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("opendir", path)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes `path` and everything below it; returns false when it did not exist.
    @discardableResult static func removeTree(_ path: String) throws -> Bool {
        guard let names = try entries(path) else { return try unlink(path) }
        for name in names {
            let child = path + "/" + name
            if let info = try fileInfo(child), info.isDirectory {
                try removeTree(child)
            } else {
                try unlink(child)
            }
        }
        if rmdir(path) == 0 || errno == ENOENT { return true }
        throw failure("rmdir", path)
    }
}

// The libc functions whose names the wrappers above shadow.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) { _ = close(fd) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
private func systemUnlink(_ path: String) -> Int32 { unlink(path) }
