/// The blob store conformance suite (filled in with the stores).
public enum BlobStoreConformance {}
