/// Placeholder replaced by the generated ECR shapes and the wire codecs.
public enum BerthWireVersion {
    public static let current = 1
}
