/// Resolves `--user` and `--team` against the data directory and `teams.yaml`, so a typo is
/// an error naming the users or teams that do exist rather than an empty report.
public enum ReportScope {
  public struct Unknown: Error, CustomStringConvertible {
    public let description: String
  }

  /// The users to report on: nil for everyone, else the named users plus every team member.
  public static func users(
    named: [String], teams: [String], data: DataDirectory, teamsFile: TeamsFile
  ) throws -> Set<String>? {
    if named.isEmpty && teams.isEmpty { return nil }
    let known = data.users()
    var chosen = Set<String>()
    let unknownUsers = named.filter { !known.contains($0) }
    if !unknownUsers.isEmpty {
      throw Unknown(
        description:
          "no trainee \(list(unknownUsers)) in \(displayPath(data.usersFolder)); known: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
      )
    }
    chosen.formUnion(named)
    for team in teams {
      guard let members = teamsFile.teams[team] else {
        let where_ = displayPath(data.root.appendingPathComponent("teams.yaml"))
        let knownTeams =
          teamsFile.names.isEmpty ? "none (\(where_) lists none)" : teamsFile.names.joined(separator: ", ")
        throw Unknown(description: "no team '\(Sanitizer.visible(team))'; known teams: \(knownTeams)")
      }
      chosen.formUnion(members)
    }
    return chosen
  }

  private static func list(_ names: [String]) -> String {
    names.map { "'\(Sanitizer.visible($0))'" }.joined(separator: ", ")
  }
}
