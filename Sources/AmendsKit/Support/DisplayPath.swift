import Foundation

/// A path as a person reads it in a message: relative to the working directory when inside it.
func displayPath(_ url: URL) -> String {
  let path = url.standardizedFileURL.path
  let cwd = FileManager.default.currentDirectoryPath
  if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
  return path
}
