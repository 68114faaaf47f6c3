/// The words a reply must contain for a phrase to have any chance, worked out when the phrase
/// is compiled: every required slot of words and stems (`sorry`, `i|we`, `refund*`) needs one
/// of them, and every required group (`(flat out|run ragged)`) needs all the required words of
/// one alternative.
/// Most phrases of a rubric fail this test on most replies, and are never run.
struct PhraseRequirements: Sendable {
  /// Phrase → its clauses → each clause's options (any one will do) → each option's slots (all
  /// needed) → each slot's ids (any one will do). Flat, as ranges into the next array down.
  private var phraseClauses: [Range<Int32>] = []
  private var clauseOptions: [Range<Int32>] = []
  private var optionSlots: [Range<Int32>] = []
  private var slotIDs: [Range<Int32>] = []
  private var ids: [Int32] = []

  init(_ phrases: [Phrase]) {
    for phrase in phrases {
      let first = Int32(clauseOptions.count)
      for slot in phrase.slots {
        switch slot {
        case .one(let choice, false) where choice.isIndexed:
          addClause([[choice]])
        case .group(let alternatives, false):
          let options = alternatives.map { alternative in
            alternative.compactMap { slot -> WordChoice? in
              if case .one(let choice, false) = slot, choice.isIndexed { return choice }
              return nil
            }
          }
          // An alternative that needs no particular word makes the whole group possible anywhere.
          if options.allSatisfy({ !$0.isEmpty }) { addClause(options) }
        default:
          continue
        }
      }
      phraseClauses.append(first..<Int32(clauseOptions.count))
    }
  }

  private mutating func addClause(_ options: [[WordChoice]]) {
    let firstOption = Int32(optionSlots.count)
    for option in options {
      let firstSlot = Int32(slotIDs.count)
      for choice in option {
        let firstID = Int32(ids.count)
        ids += choice.wordIDs
        ids += choice.stemIDs.map { -1 - $0 }
        slotIDs.append(firstID..<Int32(ids.count))
      }
      optionSlots.append(firstSlot..<Int32(slotIDs.count))
    }
    clauseOptions.append(firstOption..<Int32(optionSlots.count))
  }

  /// Whether `text` has the words phrase `p` needs.
  func allows(_ p: Int, in text: AnalyzedText) -> Bool {
    for clause in phraseClauses[p] {
      var satisfied = false
      for option in clauseOptions[Int(clause)] where has(option: Int(option), text) {
        satisfied = true
        break
      }
      if !satisfied { return false }
    }
    return true
  }

  private func has(option: Int, _ text: AnalyzedText) -> Bool {
    for slot in optionSlots[option] {
      var present = false
      for k in slotIDs[Int(slot)] {
        let id = ids[Int(k)]
        guard id >= 0 ? text.contains(id) : text.containsStem(-1 - id) else { continue }
        present = true
        break
      }
      if !present { return false }
    }
    return true
  }
}
