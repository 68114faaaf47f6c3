import Foundation
import Yams

/// `teams.yaml` in the data directory: which users make up each team, for `--team`.
///
///     teams:
///       support-emea: [dana, lee]
///       support-us: [sam]
public struct TeamsFile: Sendable, Equatable {
  /// Team name → its users, in the order the file lists them.
  public var teams: [String: [String]]

  public init(teams: [String: [String]]) { self.teams = teams }

  public var names: [String] { teams.keys.sorted() }

  /// The teams of a data directory; empty when it has no `teams.yaml`. A malformed file throws
  /// its problems as diagnostics (`teams.yaml:3:5: error: …`).
  public static func load(from data: DataDirectory) throws -> TeamsFile {
    let url = data.root.appendingPathComponent("teams.yaml")
    guard let bytes = try SafeFile.read(url) else { return TeamsFile(teams: [:]) }
    return try parse(bytes, path: displayPath(url))
  }

  static func parse(_ bytes: Data, path: String) throws -> TeamsFile {
    let reader = YAMLReader(path: path)
    guard let text = reader.decode(bytes) else { throw DiagnosticList(reader.diagnostics) }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return TeamsFile(teams: [:]) }
    guard let root = reader.parse(text) else { throw DiagnosticList(reader.diagnostics) }
    var teams: [String: [String]] = [:]
    if let top = reader.mapping(root, "teams.yaml", allowed: ["teams"]), let node = top["teams"],
      let entries = reader.mapping(node, "teams", allowed: Self.keys(of: node))
    {
      for (name, members) in entries {
        let users = reader.strings(members, "team '\(name)'") ?? []
        for user in users where (try? UserName(user)) == nil {
          reader.error(
            members, "team '\(name)' lists '\(Sanitizer.visible(user))', which is not a valid user name", code: "E003")
        }
        teams[name] = users
      }
    }
    if reader.hasErrors { throw DiagnosticList(reader.diagnostics) }
    return TeamsFile(teams: teams)
  }

  /// Every key of a mapping node: team names are free, so all are allowed.
  private static func keys(of node: Node) -> [String] {
    guard case .mapping(let mapping) = node else { return [] }
    return mapping.compactMap { $0.key.string }
  }
}
