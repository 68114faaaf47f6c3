import Foundation

/// The commented scenario `amends new ID` writes: valid, playable, with samples that pass.
public enum ScenarioTemplate {
  public static func isValidId(_ id: String) -> Bool { ScenarioLoader.isValidId(id) }

  /// Where the new file's `yaml-language-server` line should point: the schema beside it when
  /// the file is made inside a Scenarios/ folder, else the library's own copy, so an editor
  /// completes and checks keys wherever the author works.
  public static func schemaReference(writingInto folder: URL, libraryScenarios: URL?) -> String {
    let beside = folder.appendingPathComponent("schema.json")
    if FileManager.default.fileExists(atPath: beside.path) { return "schema.json" }
    if let library = libraryScenarios?.appendingPathComponent("schema.json").standardizedFileURL,
      FileManager.default.fileExists(atPath: library.path)
    {
      return library.path
    }
    return "schema.json"
  }

  /// The template for scenario `id`; `schema` is the path or URL of `Scenarios/schema.json`.
  public static func text(id: String, schema: String = "schema.json") -> String {
    """
    # yaml-language-server: $schema=\(schema)
    # A scenario for amends. docs/authoring.md documents every key.
    # Check it with `amends lint \(id).yaml`, run its samples with `amends test \(id).yaml`,
    # and play it with `amends play \(id).yaml --library <folder with Scenarios/ and Scoring/>`.
    format: 1                  # the scenario format version this file uses
    id: \(id)
    title: A parcel that never arrived
    version: 1                 # bump when you change the beats, so logs tell versions apart
    difficulty: beginner       # beginner | intermediate | advanced
    severity: moderate         # minor | moderate | severe: switches prevention, call, flippancy
    tags: [retail, delivery]
    summary: A customer's birthday present did not arrive; answer, then brief your manager.

    brief:
      role: You answer customer email for Juniper Gifts, a small online shop.
      company: Juniper Gifts ships with one courier; you may refund or resend.
      situation: Order 4471 was marked delivered on Monday but the customer never received it.
      facts:                   # what the trainee must not contradict (off-message)
        - id: resend-time
          text: A resent parcel arrives in 2 working days at the earliest.
          contradicted-by: ["arrive* ...3 today|tonight|tomorrow"]
      may-offer:
        - a full refund
        - a free resend by tracked post
      out-of-reach: ["tonight"]  # promises the brief says cannot be kept (overpromise)

    cast:
      - id: sam
        name: Sam Reyes
        role: customer         # customer | colleague | executive
      - id: lee
        name: Lee Park
        role: executive

    mood: angry                # furious | angry | upset | wary | calm | satisfied

    beats:
      - id: complaint
        from: sam
        kind: customer         # customer | colleague-draft | executive
        tone: angry            # grateful | satisfied | neutral | upset | angry | furious
        message: |
          Your tracking says DELIVERED. It wasn't. It was my daughter's birthday present and
          her party was yesterday. What are you going to do about it?
        expects: [apology, ownership, remedy]
        hint: Own the lost parcel, then give Sam a concrete choice with a date.
        samples:
          - label: strong
            reply: >
              I'm sorry, Sam: the present never reached you and your daughter's party has been.
              That's on us. I've sent a replacement by tracked post; it arrives Thursday, and I
              will refund the delivery fee today.
            band: [good, excellent]
            verdicts: {apology: met, ownership: met, remedy: met}
            next: manager
          - label: weak
            reply: Our courier marked it delivered, so please check with your neighbours.
            band: poor
            verdicts: {apology: missed}
            next: escalates
        branches:
          - when: {band: poor}
            goto: escalates
          - goto: manager

      - id: escalates
        from: sam
        kind: customer
        tone: furious          # a weak reply meets a reaction, never thanks (lint W030)
        message: That's it? I'm posting this everywhere.
        expects: [apology, remedy]
        samples:
          - reply: >
              You're right to be angry, and I'm sorry. That's on us. I've sent a replacement by
              tracked post that arrives Thursday, and refunded your delivery fee.
            band: [good, excellent]
            next: manager
          - label: weak again  # each customer beat shows where a poor reply goes (lint W032)
            reply: As I said, the courier marked it delivered.
            band: poor
            next: end
        branches:
          - when: {band: poor}
            goto: end          # Sam gives up on the shop; the debrief says why
          - goto: manager

      - id: manager
        from: lee
        kind: executive
        message: Lee here. What happened with order 4471, and what are we doing about it?
        expects: [ownership, remedy, prevention]
        samples:
          - reply: >
              We marked 4471 delivered when it wasn't, and that's on us. I've resent it for
              Thursday and refunded the fee. Going forward we'll ask the courier for a photo on
              every delivery so this doesn't happen again, and I'll call Sam on Thursday.
            band: [good, excellent]
            next: end
        branches:
          - goto: end

    debrief: |
      Owning the lost parcel (ownership) and giving a concrete fix with a date (remedy,
      commitment) does more than any number of apologies (over-apology).

    """
  }
}
