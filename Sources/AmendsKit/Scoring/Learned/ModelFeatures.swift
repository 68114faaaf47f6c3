/// A reply's features as the trained layer scores them: only those the model weighs, each as
/// its row of weights with the UTF-8 span of its first occurrence, in row order (the order the
/// model file gives, so the sums come out the same to the last bit on every run).
struct ModelFeatures: Sendable {
  private(set) var rows: [Int32] = []
  private(set) var spans: [Range<Int>] = []

  static func extract(
    _ text: AnalyzedText, context: ScoringContext, rubric: Rubric, findings: [CheckFinding], model: LearnedModel
  ) -> ModelFeatures {
    var sink = RowSink(model: model)
    FeatureWalk.walk(text, context: context, rubric: rubric, findings: findings, into: &sink)
    // The first occurrence of each row, in row order: marked in a bit set over the model's rows
    // and read back in order (sorting the occurrences cost as much as finding them).
    let rowCount = model.rowStart.count - 1
    var first = [Int32](repeating: -1, count: rowCount)
    var marks = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
    for (k, found) in sink.found.enumerated() where first[Int(found.row)] < 0 {
      first[Int(found.row)] = Int32(k)
      marks[Int(found.row) >> 6] |= 1 << UInt64(found.row & 63)
    }
    var features = ModelFeatures()
    for (w, word) in marks.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        let row = w * 64 + bits.trailingZeroBitCount
        features.rows.append(Int32(row))
        features.spans.append(sink.found[Int(first[row])].span)
        bits &= bits - 1
      }
    }
    return features
  }
}

/// Scoring's sink: looks each feature up by number; builds a name only for the few features
/// that have no number (rubric patterns, context, length) or a form with "_" in it.
private struct RowSink: FeatureSink {
  let model: LearnedModel
  var found: [(row: Int32, span: Range<Int>)] = []

  init(model: LearnedModel) {
    self.model = model
    found.reserveCapacity(128)
  }

  private var index: FeatureIndex { model.index }

  private mutating func keep(_ row: Int32?, _ span: Range<Int>) {
    if let row, row >= 0 { found.append((row, span)) }
  }

  private mutating func byName(_ name: String, _ span: Range<Int>) { keep(model.rows[name], span) }

  func id(of token: Int, in text: AnalyzedText) -> Int32 { index.id(of: token, in: text) }

  func mayHaveActor(_ id: Int32) -> Bool { id == FeatureWalk.spellOut || id >= 0 && index.actorForms[Int(id)] }

  mutating func word(_ gram: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText) {
    let id = gram.id
    if id == FeatureWalk.spellOut {
      let form = gram.form(in: text)
      if ReplyFeatures.isContent(form) { byName("w:" + form, span) }
    } else if id >= 0, index.wordRows[Int(id)] >= 0, index.isContent[Int(id)] {
      keep(index.wordRows[Int(id)], span)
    }
  }

  mutating func bigram(_ a: FeatureWalk.Gram, _ b: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText) {
    if a.id == FeatureWalk.spellOut || b.id == FeatureWalk.spellOut {
      byName("b:" + a.form(in: text) + "_" + b.form(in: text), span)
    } else if a.id >= 0, b.id >= 0 {
      keep(index.phrases[FeatureIndex.pack(a.id, b.id)], span)
    }
  }

  mutating func trigram(
    _ a: FeatureWalk.Gram, _ b: FeatureWalk.Gram, _ c: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText
  ) {
    let spellOut = FeatureWalk.spellOut
    if a.id == spellOut || b.id == spellOut || c.id == spellOut {
      byName("t:" + a.form(in: text) + "_" + b.form(in: text) + "_" + c.form(in: text), span)
    } else if a.id >= 0, b.id >= 0, c.id >= 0 {
      keep(index.phrases[FeatureIndex.pack(a.id, b.id, c.id)], span)
    }
  }

  mutating func actor(_ actor: ClauseRole.Actor, _ gram: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText) {
    let id = gram.id
    if id == FeatureWalk.spellOut {
      let form = gram.form(in: text)
      if ReplyFeatures.isContent(form) { byName("a:" + actor.rawValue + ":" + form, span) }
    } else if index.isContent[Int(id)], let place = ClauseRole.Actor.allCases.firstIndex(of: actor) {
      keep(index.actorWords[Int64(place) << 32 | Int64(id)], span)
    }
  }

  mutating func role(_ role: ClauseRole, span: Range<Int>) {
    guard let actor = ClauseRole.Actor.allCases.firstIndex(of: role.actor) else { return }
    keep(index.roleRows[actor], span)
    for (place, (_, mode)) in ClauseRole.Modes.names.enumerated() where role.modes.contains(mode) {
      keep(index.roleModeRows[actor][place], span)
      keep(index.modeRows[place], span)
    }
  }

  mutating func named(_ name: String, span: Range<Int>) { byName(name, span) }

  /// The last principle whose patterns were looked up, and its column: a finding's matches come
  /// together.
  private var lastPrinciple = ""
  private var lastColumn: Int?

  mutating func pattern(_ match: PhraseMatch, of principle: String) {
    let span = match.start..<match.end
    if principle != lastPrinciple {
      lastPrinciple = principle
      lastColumn = model.column(of: principle)
    }
    guard match.serial >= 0, let column = lastColumn else {
      return byName(FeatureWalk.patternName(match, of: principle), span)
    }
    let model = self.model
    keep(
      model.patternRows.row(column: column, serial: match.serial) {
        model.rows[FeatureWalk.patternName(match, of: principle)] ?? -1
      }, span)
  }
}
