/// The metadata store conformance suite (filled in with the stores).
public enum MetadataConformance {}
