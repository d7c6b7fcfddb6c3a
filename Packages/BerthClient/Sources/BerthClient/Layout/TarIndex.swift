import Foundation

/// The members of a tar file by name, each as a byte span of the file, read from the headers without extracting.
///
/// Understands ustar (with the name prefix), GNU long names (`L`), PAX `path` and `size` records (`x`) and
/// symbolic links between members (resolved by `span(of:)`), which is what `docker save` writes.
struct TarIndex {
    /// Where a member's bytes are.
    struct Member: Equatable {
        var offset: Int64
        var size: Int64
    }

    let path: String
    private(set) var members: [String: Member] = [:]
    private(set) var links: [String: String] = [:]

    /// Reads every header of the tar at `path`.
    /// - Throws: `TransferError.invalidSource` when the file is not a tar.
    init(path: String) throws(TransferError) {
        self.path = path
        let reader = try FileChunkReader(path: path)
        guard let fileSize = LayoutFiles.size(of: path) else { throw .invalidSource("\(path) is not a file") }
        var offset: Int64 = 0
        var pending = TarHeader.Overrides()
        while offset + 512 <= fileSize {
            let block = [UInt8](try reader.read(at: offset, count: 512))
            if block.allSatisfy({ $0 == 0 }) { break }
            guard let header = TarHeader(block: block) else { throw .invalidSource("\(path) is not a tar file (bad header at byte \(offset))") }
            let dataOffset = offset + 512
            offset = dataOffset + (header.size + 511) / 512 * 512
            switch header.type {
            case UInt8(ascii: "L"):
                pending.name = TarHeader.text(Array(try reader.read(at: dataOffset, count: Int(header.size))))
            case UInt8(ascii: "x"):
                pending.merge(pax: Array(try reader.read(at: dataOffset, count: Int(header.size))))
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                let name = TarIndex.normalize(pending.name ?? header.name)
                members[name] = Member(offset: dataOffset, size: pending.size ?? header.size)
                if let size = pending.size { offset = dataOffset + (size + 511) / 512 * 512 }
                pending = TarHeader.Overrides()
            case UInt8(ascii: "1"), UInt8(ascii: "2"):
                let name = TarIndex.normalize(pending.name ?? header.name)
                let target = header.type == UInt8(ascii: "2") ? TarIndex.resolve(header.linkName, from: name) : TarIndex.normalize(header.linkName)
                links[name] = target
                pending = TarHeader.Overrides()
            default:
                pending = TarHeader.Overrides()
            }
        }
    }

    /// The span of member `name`, following links. - Throws: `TransferError.invalidSource` when there is none.
    func span(of name: String) throws(TransferError) -> Member {
        var current = TarIndex.normalize(name)
        for _ in 0..<16 {
            if let member = members[current] { return member }
            guard let target = links[current] else { break }
            current = target
        }
        throw .invalidSource("\(path) has no member \(name)")
    }

    /// `./a//b/` → `a/b`.
    static func normalize(_ name: String) -> String {
        name.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }

    /// A symbolic link's target relative to the link's own directory, `..` resolved.
    static func resolve(_ target: String, from link: String) -> String {
        var parts = link.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            if part == ".." {
                _ = parts.popLast()
            } else if part != "." {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
