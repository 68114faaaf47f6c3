import AmendsKit
import ArgumentParser

// Options with a fixed set of values, as ArgumentParser values: `--help` and shell completion
// list the choices, and a wrong one is refused with them named.

extension Severity: ExpressibleByArgument {}
extension Difficulty: ExpressibleByArgument {}
extension AttemptMode: ExpressibleByArgument {}
extension TeamReport.View: ExpressibleByArgument {}

/// `--format` of the commands that print text for a person or JSON for a script.
enum TextOrJSON: String, CaseIterable, ExpressibleByArgument {
  case text, json
}

/// `--format` of `amends principles`.
enum TextOrMarkdown: String, CaseIterable, ExpressibleByArgument {
  case text, markdown
}

/// `--format` of `amends report`.
enum ReportOutput: String, CaseIterable, ExpressibleByArgument {
  case table, csv, json, html
}
