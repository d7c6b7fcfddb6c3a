#if canImport(Glibc)
    import Glibc
#endif

/// glibc malloc settings for a server that handles multi-megabyte request bodies (UploadLayerPart parts, manifests).
///
/// glibc raises its mmap threshold dynamically after large blocks are freed, after which every later 10–30 MiB
/// buffer comes from the heap and is never returned to the system: RSS ratchets up with each part. A fixed 4 MiB
/// threshold keeps those large buffers mmapped (returned on free) while 1 MiB streaming chunks stay on the heap
/// (at 512 KiB every pulled chunk paid an mmap, zero-fill and munmap: pulls fell from 1.4 GB/s to 0.5), and capping
/// arenas bounds per-thread heaps.
/// `mallopt` is not in Swift's Glibc module (it lives in `<malloc.h>`), so it is looked up by name.
enum MemoryTuning {
    /// `M_MMAP_THRESHOLD` and `M_ARENA_MAX` from `<malloc.h>`.
    private static let mmapThreshold: Int32 = -3
    private static let arenaMax: Int32 = -8

    static func apply() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(mmapThreshold, 4 * 1024 * 1024)
            _ = mallopt(arenaMax, 4)
        #endif
    }
}
