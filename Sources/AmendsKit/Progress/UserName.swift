/// A user name that is safe to use as a folder name: letters, digits, `.`, `_`, `-`; not
/// starting with `.`; 1 to 64 characters. Validated before it touches any path.
public struct UserName: Sendable, Hashable, CustomStringConvertible {
  public let value: String
  public var description: String { value }

  public struct Invalid: Error, CustomStringConvertible {
    public let description: String
  }

  public init(_ raw: String) throws {
    let shown = Sanitizer.visible(raw)
    if raw.isEmpty { throw Invalid(description: "the user name is empty; give one with --user or $AMENDS_USER") }
    if raw.unicodeScalars.count > 64 {
      throw Invalid(description: "the user name '\(shown.prefix(20))…' is longer than 64 characters")
    }
    if raw.hasPrefix(".") { throw Invalid(description: "the user name '\(shown)' must not start with a dot") }
    let allowed = raw.unicodeScalars.allSatisfy { s in
      (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "." || s == "_" || s == "-"
    }
    if !allowed {
      throw Invalid(description: "the user name '\(shown)' may only use letters, digits, '.', '_' and '-'")
    }
    value = raw
  }
}

extension UserName {
  /// Whose progress it is when no `--user` is given: `$AMENDS_USER`, then `$USER`, `$LOGNAME`,
  /// then the login account's name (containers and cron often set none of the variables, and
  /// `make play` on a fresh machine must still start). An empty variable counts as unset.
  public static func resolve(explicit: String?, environment: [String: String], accountName: () -> String?) -> String {
    if let explicit { return explicit }
    for key in ["AMENDS_USER", "USER", "LOGNAME"] {
      if let value = environment[key], !value.isEmpty { return value }
    }
    return accountName() ?? ""
  }
}
