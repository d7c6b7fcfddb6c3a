/// Placeholder replaced by the SigV4 verifier, authorization tokens and policy validation.
public enum BerthAuthVersion {
    public static let current = 1
}
