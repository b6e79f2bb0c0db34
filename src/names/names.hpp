#pragma once
// School names as people type them: one normaliser, one similarity score and one matcher over a
// register of names, shared by every place that reads a name a person wrote (the survey import,
// "did you mean" in messages about unknown ids, name cells in CSV files).
//
// std-only on purpose: ICU (Debian libicu-dev, for NFKC, case folding and accent stripping) stays
// inside names.cpp. The API is small and meant to stay stable; the rules below are the contract
// of docs/contract/survey-import.md ("Matching a typed name to the register", steps 3 and 4).
// Steps 1 (the register id) and 2 (the officer's alias file) belong to the caller.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace collabnet::names {

/// A name in comparable form: Unicode NFKC, case folded, accents stripped ("Pàirc" and "Páirc"
/// give "pairc"), apostrophes dropped ("Mary's" → "marys"), `&` → "and", every other character
/// that is not a letter or digit (punctuation, hyphens, spaces, controls, bidi marks) a word
/// break, except that initials written with dots are one word ("R.C." → rc); words that are a
/// typo of a kind-of-school word (see similarity) become that word ("Primry" → primary);
/// common abbreviations expanded word by word (ps → primary school, pri/prim → primary,
/// acad → academy, hs → high school, gs → grammar school, sec → secondary, st → saint,
/// rc → roman catholic, jnr/jr → junior, inf → infant, asn → additional support needs,
/// elc → early learning and childcare, sch → school), and the words "school" and "the" dropped.
/// The words are joined by single spaces. O(length). Invalid UTF-8 reads as word breaks.
/// Never throws except std::bad_alloc.
/// Examples: "St Mary's R.C. P.S." → "saint marys roman catholic primary";
///           "Bun-Sgoil Ghàidhlig Phort Rìgh" → "bun sgoil ghaidhlig phort righ".
std::string normalise(std::string_view text);

/// How alike two typed names are, in [0, 1]; 1 when their normalised forms have the same words.
/// Symmetric. Our own token-based score (no fuzzy-matching library is packaged for Debian 12):
///  1. both names are normalised and split into words; two adjacent words of one name that
///     spell a word of the other ("port ellen" / "portellen") are joined;
///  2. each word has a weight: 0.1 for words that say what kind of school it is or link words
///     (primary, academy, high, secondary, grammar, nursery, infant, junior, community, roman,
///     catholic, gaelic, unit, medium, bun, sgoil, and, of, …), 1 for every other word;
///  3. words are paired one to one, best pair first, a generic word only with a generic word:
///     equal words score 1; words of 5 or more
///     letters that differ by at most 1 edit (5–8 letters) or 2 edits (9–32 letters; a deletion,
///     insertion, substitution or swap of neighbours each count 1) score 1 − 0.5 · edits /
///     letters of the longer word; anything else does not pair;
///  4. score = Σ over pairs of pair score · (weight a + weight b) / (Σ all weights of both names)
///     (a weighted Dice coefficient), halved when each name keeps an unpaired kind-of-school
///     word of a different kind (primary-like, secondary-like, nursery-like, special-like:
///     "Ellon Academy" is not "Ellon Primary").
/// So "Abbotswell PS" / "Abbotswell School" = 2 / 2.1 = 0.952, one typo in "Abbotswel" costs
/// 0.05. O(words² · letters²) for the two names (names are short).
double similarity(std::string_view a, std::string_view b);

/// The thresholds of survey-import.md step 4, and the floor below which a register name is not
/// worth showing as a candidate at all.
inline constexpr double kMatchScore = 0.90;       ///< a similar match needs at least this
inline constexpr double kMatchMargin = 0.05;      ///< … and this much above the next name
inline constexpr double kAmbiguousScore = 0.75;   ///< below: unmatched, not ambiguous
inline constexpr double kCandidateScore = 0.60;   ///< candidates shown score at least this

/// One name of the register (any order; the matcher refers to it by its position).
struct RegisterName {
  std::string name;
  std::string authority;  ///< "" when unknown
};

enum class MatchKind {
  exact_name,  ///< the normalised name equals exactly one register name's normalised name
  similar,     ///< step 4: best score ≥ kMatchScore and kMatchMargin above the next (or the
               ///< only one of the respondent's authority among those within the margin)
  ambiguous,   ///< some name scores ≥ kAmbiguousScore but none is decided
  unmatched,   ///< nothing scores kAmbiguousScore
};

/// "exact name", "similar", "ambiguous", "unmatched".
std::string_view to_string(MatchKind kind);

struct Candidate {
  std::size_t entry = 0;  ///< position in the register
  double score = 0;       ///< similarity to the typed name
};

struct NameMatch {
  MatchKind kind = MatchKind::unmatched;
  std::size_t entry = 0;  ///< the chosen register position (exact_name and similar only)
  double score = 0;       ///< its score (1 for exact_name); the best score otherwise
  /// The best 3 register names scoring at least kCandidateScore, best first (ties in register
  /// order): for ambiguous and unmatched answers these are the "did you mean" list.
  std::vector<Candidate> candidates;
};

/// A register of names indexed for matching: by normalised name, and by word, with a table of
/// each word's one- and two-letter deletions so that typos find their word without comparing
/// every pair. Build once (O(total letters · deletions)); match() is then about O(candidates
/// sharing a word with the typed name; a typed word that is itself a register word is not
/// looked up for typos). Measured: 3,000 names × 10,000 typed names, see docs/names.md. Immutable after construction: match() may be called from
/// several threads at once.
class NameIndex {
 public:
  explicit NameIndex(std::vector<RegisterName> entries);
  ~NameIndex();
  NameIndex(NameIndex&&) noexcept;
  NameIndex& operator=(NameIndex&&) noexcept;
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  /// Steps 3 and 4 of the contract for one typed name. `authority` is the respondent's own
  /// authority (or ""): among names within kMatchMargin of the best, the only one in that
  /// authority wins.
  NameMatch match(std::string_view typed, std::string_view authority = {}) const;

  /// The best `count` register names for a typed name scoring at least kCandidateScore, best
  /// first: the "did you mean" list for messages.
  std::vector<Candidate> suggest(std::string_view typed, std::size_t count = 3) const;

  std::size_t size() const;
  const RegisterName& entry(std::size_t i) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace collabnet::names
