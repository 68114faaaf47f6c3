import Foundation
import Yams

/// Loads `Scoring/`: rubric.yaml, one YAML file per principle, and the trained layer it names.
struct RubricLoader {
  let directory: URL

  func load() throws -> Rubric {
    // The compiled cache restores the vocabulary before anything here registers a word.
    CompiledCache.shared.waitUntilReady()
    var diagnostics: [Diagnostic] = []
    let metaPath = directory.appendingPathComponent("rubric.yaml")
    let metaReader = YAMLReader(path: displayPath(metaPath))
    var version = "1", penalty = 6.0
    var floors: [Band: Int] = [.excellent: 85, .good: 65, .fair: 40]
    var moodSteps: [Band: Int] = [.excellent: 2, .good: 1, .fair: 0, .poor: -1]
    var articles: [String: String] = [:]
    var modelFile: String?
    var modelNode: Node?
    var serious = 3
    var oddOrder: Band?
    if let text = readText(metaPath, into: &diagnostics), let root = metaReader.parse(text),
      let entries = metaReader.mapping(
        root, "rubric.yaml",
        allowed: [
          "version", "penalty-per-weight", "bands", "mood-steps", "articles", "trained-layer", "serious-pitfall-weight",
          "odd-order-band",
        ])
    {
      oddOrder = metaReader.choice(entries["odd-order-band"], "odd-order-band", Band.self, among: Band.allCases)
      serious = metaReader.int(entries["serious-pitfall-weight"], "serious-pitfall-weight", range: 1...10) ?? serious
      modelFile = metaReader.string(entries["trained-layer"], "trained-layer")
      modelNode = entries["trained-layer"]
      version = metaReader.string(entries["version"], "version") ?? version
      penalty = metaReader.double(entries["penalty-per-weight"], "penalty-per-weight") ?? penalty
      if let bands = metaReader.mapping(entries["bands"], "bands", allowed: ["excellent", "good", "fair"]) {
        for (name, node) in bands {
          if let band = Band(rawValue: name), let v = metaReader.int(node, "band \(name)", range: 0...100) {
            floors[band] = v
          }
        }
      }
      if let steps = metaReader.mapping(entries["mood-steps"], "mood-steps", allowed: Band.allCases.map(\.rawValue)) {
        for (name, node) in steps {
          if let band = Band(rawValue: name), let v = metaReader.int(node, "mood step \(name)", range: -5...5) {
            moodSteps[band] = v
          }
        }
      }
      if case .mapping(let m)? = entries["articles"] {
        for (k, v) in m { if let key = k.string, let title = v.string { articles[key] = title } }
      }
    }
    diagnostics += metaReader.diagnostics

    // The principle files and the trained layer's weights are independent: read and compile
    // them on every core (start-up is mostly this), keeping the catalogue's order. The weights,
    // the longest task, go first.
    let ids = Rubric.principleIds
    let modelURL = modelFile.map { directory.appendingPathComponent($0) }
    let rubricVersion = version
    let loaded = ResultSlots<Loaded>.map(ids.count + 1, empty: Loaded()) { index in
      guard index > 0 else {
        guard let modelURL else { return Loaded() }
        return Loaded(model: Result { try LearnedModel.load(from: modelURL, rubricVersion: rubricVersion) })
      }
      let url = directory.appendingPathComponent("\(ids[index - 1]).yaml")
      let reader = YAMLReader(path: displayPath(url))
      var found: [Diagnostic] = []
      var principle: Principle?
      if let text = readText(url, into: &found), let root = reader.parse(text) {
        principle = PrincipleLoader(reader: reader, expectedId: ids[index - 1]).load(root)
      }
      return Loaded(principle: principle, diagnostics: found + reader.diagnostics)
    }
    var principles: [Principle] = []
    for result in loaded.dropFirst() {
      if let principle = result.principle { principles.append(principle) }
      diagnostics += result.diagnostics
    }
    if let problem = TurnVerdicts.limitProblem(for: ids) {
      diagnostics.append(Diagnostic(path: metaReader.path, line: 1, column: 1, message: problem, code: "E000"))
    }
    // Files that name no known principle are mistakes worth telling about.
    let known = Set(Rubric.principleIds.map { "\($0).yaml" } + ["rubric.yaml"])
    if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
      for name in names.sorted() where name.hasSuffix(".yaml") && !known.contains(name) {
        let id = String(name.dropLast(5))
        let hint = Suggest.hint(id, in: Rubric.principleIds)
        diagnostics.append(
          Diagnostic(
            path: displayPath(directory.appendingPathComponent(name)), line: 1, column: 1,
            message: "'\(id)' is not a principle id of PRINCIPLES.md\(hint)", code: "E010"))
      }
    }
    var model: LearnedModel?
    if let weights = loaded[0].model {
      do {
        model = try weights.get()
      } catch let problem as LearnedModel.LoadError {
        let mark = modelNode?.mark
        diagnostics.append(
          Diagnostic(
            path: metaReader.path, line: mark?.line ?? 1, column: mark?.column ?? 1,
            message: "trained layer: \(problem)", code: "E000"))
      }
    }
    if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics.sorted()) }
    // The pattern sets this load compiled are kept for the next start (when the program asked).
    CompiledCache.shared.save()
    return Rubric(
      version: version, principles: principles, penaltyPerWeight: penalty, bandFloors: floors, articles: articles,
      moodSteps: moodSteps,
      model: model, seriousPitfallWeight: serious, oddOrderBand: oddOrder)
  }

  /// What one task of the parallel load gives: a principle file's principle and diagnostics, or
  /// the trained layer's weights.
  private struct Loaded {
    var principle: Principle?
    var model: Result<LearnedModel, any Error>?
    var diagnostics: [Diagnostic] = []
  }

  private func readText(_ url: URL, into diagnostics: inout [Diagnostic]) -> String? {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      diagnostics.append(
        Diagnostic(path: displayPath(url), line: 1, column: 1, message: "cannot read the file", code: "E000"))
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }
}
