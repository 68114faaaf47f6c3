import ArgumentParser

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
  // An array because `amends report` takes several; every other command takes one. The root
  // command and the subcommands share this group by its type (so `--data-dir` reaches both),
  // which is why the report cannot declare a `--user` of its own.
  @Option(
    help: "Whose progress to use (default: $AMENDS_USER, then $USER, $LOGNAME, the login name); `report` takes several."
  )
  var user: [String] = []

  @Option(
    name: .customLong("data-dir"),
    help: "Folder for progress files (default: $AMENDS_HOME, else $XDG_DATA_HOME/amends).")
  var dataDir: String?

  @Option(help: "Folder holding Scenarios/ and Scoring/ (default: $AMENDS_LIBRARY, else the bundled ones).")
  var library: String?

  @Flag(name: .customLong("no-color"), help: "Never colour the output (also: NO_COLOR).")
  var noColor = false
}
