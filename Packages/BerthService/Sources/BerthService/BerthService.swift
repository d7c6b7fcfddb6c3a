/// Placeholder replaced by the ECR and distribution operations.
public enum BerthServiceVersion {
    public static let current = 1
}
