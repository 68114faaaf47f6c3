import AmendsKit
import ArgumentParser
import Foundation

/// An error already phrased for the person reading it.
struct UserFacingError: Error, CustomStringConvertible {
  let description: String
  var exitCode: Int32 = 1
  init(_ description: String, exitCode: Int32 = 1) {
    self.description = description
    self.exitCode = exitCode
  }
}

/// Runs a command body, turning any error into one line on standard error and a non-zero exit
/// status: never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let exit as ExitCode {
    throw exit
  } catch let error as UserFacingError {
    FileHandle.standardError.writeIfPossible("amends: error: \(Sanitizer.visible(error.description))\n")
    throw ExitCode(error.exitCode)
  } catch let list as DiagnosticList {
    FileHandle.standardError.writeIfPossible(list.description + "\n")
    throw ExitCode(1)
  } catch {
    FileHandle.standardError.writeIfPossible("amends: error: \(Sanitizer.visible(String(describing: error)))\n")
    throw ExitCode(1)
  }
}

/// One line on standard error.
func printError(_ text: String) {
  FileHandle.standardError.writeIfPossible(text + "\n")
}
