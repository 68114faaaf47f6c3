/// The word lists behind the word classes of patterns (`<weekday>`, `<month>`, `<time>`,
/// `<num>`, `<name>`); `WordFacts` reads each form against them once.
enum WordClasses {
  static let weekdays: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  ]
  static let months: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
  ]
  static let clockWords: Set<String> = ["am", "pm", "noon", "midday", "midnight", "o'clock"]

  static let notNames: Set<String> = [
    "i", "you", "we", "they", "he", "she", "it", "me", "us", "them", "my", "your", "our", "their",
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "by", "for", "with", "is",
    "are", "was", "were", "be", "been", "will", "would", "have", "has", "had", "not", "this", "that",
  ]

  static let numberWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "a", "an",
  ]
}
