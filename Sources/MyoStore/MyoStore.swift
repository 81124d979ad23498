/// # MyoStore
///
/// Memory for tracking a person over weeks: every recording analysed, every
/// diary entry, every treatment change and every assessment, kept in an
/// embedded SQLite file through GRDB (write-ahead log, one transaction per
/// import, versioned migrations), with the trend and treatment-response
/// statistics computed on top.
///
/// The schema and queries are plain SQL over portable types so that a
/// PostgreSQL backend can follow without rewriting the layers above.
public enum MyoStoreModule {
    /// The version of the store's code (the schema has its own migrations).
    public static let version = "0.1.0"
}
