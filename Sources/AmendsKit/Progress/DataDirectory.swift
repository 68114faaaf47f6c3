import Foundation

/// Where progress lives: `$AMENDS_HOME`, else `$XDG_DATA_HOME/amends`, else
/// `~/.local/share/amends`; `--data-dir` overrides all three.
public struct DataDirectory: Sendable {
  public let root: URL

  public init(root: URL) { self.root = root }

  public static func resolve(
    override: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> DataDirectory {
    if let override, !override.isEmpty { return DataDirectory(root: URL(fileURLWithPath: override)) }
    if let home = environment["AMENDS_HOME"], !home.isEmpty { return DataDirectory(root: URL(fileURLWithPath: home)) }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
      return DataDirectory(root: URL(fileURLWithPath: xdg).appendingPathComponent("amends"))
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return DataDirectory(root: URL(fileURLWithPath: home).appendingPathComponent(".local/share/amends"))
  }

  public var usersFolder: URL { root.appendingPathComponent("users") }
  public func userFolder(_ user: UserName) -> URL { usersFolder.appendingPathComponent(user.value) }

  /// The user names that have a folder, sorted.
  public func users() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: usersFolder.path)) ?? []
    return names.filter { (try? UserName($0)) != nil }.sorted()
  }
}
