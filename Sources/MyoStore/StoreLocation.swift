import Foundation

/// Where the store lives when no `--db` is given: `MYOTRACE_DB`, else the user's data folder
/// (`$XDG_DATA_HOME/myotrace/myotrace.sqlite` or `~/.local/share/myotrace/myotrace.sqlite` on
/// Linux, `~/Library/Application Support/Myotrace/myotrace.sqlite` on macOS).
public enum StoreLocation {
    /// The path to use, from an explicit `--db`, the environment and the home folder.
    public static func path(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            home: String = NSHomeDirectory()) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["MYOTRACE_DB"], !env.isEmpty { return env }
        #if os(macOS)
        return (home as NSString).appendingPathComponent("Library/Application Support/Myotrace/myotrace.sqlite")
        #else
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("myotrace/myotrace.sqlite")
        }
        return (home as NSString).appendingPathComponent(".local/share/myotrace/myotrace.sqlite")
        #endif
    }
}
