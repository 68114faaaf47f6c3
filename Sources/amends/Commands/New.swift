import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new",
      abstract: "Write a commented scenario ID.yaml, ready to edit, that passes lint and test.")

    @Argument(help: "The new scenario's id: lower-case letters, digits and dashes.") var id: String
    @Option(help: "Folder to write into (default: the current folder).") var output: String = "."
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (id, output) = (self.id, self.output)
      try reportingErrors {
        guard ScenarioTemplate.isValidId(id) else {
          throw UserFacingError(
            "'\(Sanitizer.visible(id))' is not a valid scenario id: use lower-case letters, digits and dashes (at most 64)",
            exitCode: 64)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue else {
          throw UserFacingError("--output \(output) is not a folder")
        }
        let url = URL(fileURLWithPath: output).appendingPathComponent("\(id).yaml")
        // The editor's schema line points at the library's schema when one can be found.
        let library = try? Library.locate(override: global.library, executable: TrainerEnvironment.executablePath())
        let schema = ScenarioTemplate.schemaReference(
          writingInto: URL(fileURLWithPath: output), libraryScenarios: library?.scenariosFolder)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        if fd < 0 {
          if errno == EEXIST { throw UserFacingError("\(url.path) already exists; amends new never overwrites a file") }
          throw UserFacingError("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
          try handle.write(contentsOf: Data(ScenarioTemplate.text(id: id, schema: schema).utf8))
          try handle.synchronize()
        } catch {
          // A full disk or a lost mount: no half-written template is left behind.
          try? FileManager.default.removeItem(at: url)
          throw UserFacingError("cannot write \(url.path): \(error.localizedDescription)")
        }
        print("Wrote \(url.path). Next: edit it, then `amends lint \(url.path)` and `amends test \(url.path)`.")
      }
    }
  }
}
