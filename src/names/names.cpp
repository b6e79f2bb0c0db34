// Name normalising and matching (see names.hpp for the rules). ICU is used here only.
#include "names/names.hpp"

#include "utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace collabnet::names {
namespace {

using Word = std::u32string;
using Words = std::vector<Word>;

// Typo tolerance applies to words of 5 to 32 letters: shorter words ("Rhu", "Uig", "Eigg") are
// whole names on their own and one letter changes the school; longer runs of letters are not
// words a person typed, and bounding them keeps hostile 10,000-letter cells cheap.
constexpr std::size_t kMinTypoLetters = 5;
constexpr std::size_t kMaxTypoLetters = 32;
constexpr double kGenericWeight = 0.1;

const icu::Normalizer2& nfkd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU: no NFKD normaliser");
  return *n;
}

bool is_apostrophe(UChar32 c) {
  return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC' || c == U'`' ||
         c == U'\u00B4' || c == U'\u2032';
}

std::string to_utf8(const Word& w) {
  std::string out;
  for (char32_t c : w) append_utf8(out, c);
  return out;
}

std::string join(const Words& words) {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out += ' ';
    out += to_utf8(w);
  }
  return out;
}

const std::unordered_map<Word, Words>& abbreviations() {
  static const std::unordered_map<Word, Words> table = {
      {U"ps", {U"primary", U"school"}},   {U"pri", {U"primary"}},
      {U"prim", {U"primary"}},            {U"acad", {U"academy"}},
      {U"hs", {U"high", U"school"}},      {U"gs", {U"grammar", U"school"}},
      {U"sec", {U"secondary"}},           {U"st", {U"saint"}},
      {U"rc", {U"roman", U"catholic"}},   {U"jnr", {U"junior"}},
      {U"jr", {U"junior"}},               {U"inf", {U"infant"}},
      {U"asn", {U"additional", U"support", U"needs"}},
      {U"elc", {U"early", U"learning", U"and", U"childcare"}},
      {U"sch", {U"school"}},
      // Gaelic "bun-sgoil" (primary school) typed as one word.
      {U"bunsgoil", {U"bun", U"sgoil"}},  {U"esgoil", {U"e", U"sgoil"}},
  };
  return table;
}

// Words that say what kind of school it is, or link words: they weigh little in similarity.
const std::unordered_set<Word>& generic_words() {
  static const std::unordered_set<Word> set = {
      U"primary",  U"infant",    U"infants",  U"junior",     U"academy",  U"high",
      U"secondary", U"grammar",  U"nursery",  U"early",      U"learning", U"childcare",
      U"additional", U"support", U"needs",    U"special",    U"community", U"roman",
      U"catholic", U"gaelic",    U"unit",     U"medium",     U"bun",      U"sgoil",
      U"and",      U"of",        U"centre",   U"center",     U"college"};
  return set;
}

// The kind of school a word says (0: none). Two names each keeping an unpaired word of a
// different kind are different schools ("Ellon Academy" / "Ellon Primary").
int kind_of(const Word& w) {
  if (w == U"primary" || w == U"infant" || w == U"infants" || w == U"junior") return 1;
  if (w == U"academy" || w == U"high" || w == U"secondary" || w == U"grammar") return 2;
  if (w == U"nursery" || w == U"early" || w == U"childcare") return 3;
  if (w == U"additional" || w == U"special") return 4;
  return 0;
}

double weight_of(const Word& w) { return generic_words().count(w) ? kGenericWeight : 1.0; }

// The generic words of 5 letters or more, and "school": the words a typo is snapped to.
const std::vector<Word>& generic_list() {
  static const std::vector<Word> list = [] {
    std::vector<Word> out{U"school"};
    for (const Word& w : generic_words())
      if (w.size() >= kMinTypoLetters) out.push_back(w);
    std::sort(out.begin(), out.end());
    return out;
  }();
  return list;
}

double word_score(const Word& a, const Word& b);

Words normalise_words(std::string_view text) {
  const auto length = static_cast<std::int32_t>(
      std::min<std::size_t>(text.size(), std::numeric_limits<std::int32_t>::max()));
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), length));
  UErrorCode status = U_ZERO_ERROR;
  // NFKD (compatibility forms: ligatures, full-width letters), case folding, NFKD again (folding
  // can give composed letters), then the non-spacing marks dropped: accents stripped. What is
  // left is NFKC-equivalent for every letter a school name holds.
  s = nfkd().normalize(s, status);
  s.foldCase();
  s = nfkd().normalize(s, status);
  if (U_FAILURE(status)) s.remove();

  Words raw;
  std::vector<bool> dotted;  // raw[i] and raw[i + 1] were separated by exactly one "."
  Word current;
  std::size_t separators = 0;
  bool dot = false;
  auto flush = [&] {
    if (!current.empty()) {
      raw.push_back(std::move(current));
      dotted.push_back(false);
    }
    current.clear();
    separators = 0;
    dot = false;
  };
  for (std::int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    const auto type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) continue;
    if (is_apostrophe(c)) continue;
    if (c == U'&') {
      flush();
      raw.push_back(U"and");
      dotted.push_back(false);
      separators = 1;
    } else if (u_isalnum(c)) {
      if (current.empty() && !raw.empty()) dotted.back() = separators == 1 && dot;
      current += static_cast<char32_t>(c);
    } else {
      if (!current.empty()) flush();
      ++separators;
      dot = dot || c == U'.';
    }
  }
  flush();

  // Initials written with dots are one word: "P.S." → ps, "R.C." → rc ("R.C. P.S." → rc ps).
  Words joined;
  bool after_initial = false;  // joined.back() is made of dotted single letters only
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const bool initial = raw[k].size() == 1;
    if (initial && after_initial && k > 0 && dotted[k - 1]) {
      joined.back() += raw[k];
    } else {
      joined.push_back(std::move(raw[k]));
    }
    after_initial = initial;
  }
  Words words;
  words.reserve(joined.size());
  const auto& abbrev = abbreviations();
  for (Word& w : joined) {
    const auto it = abbrev.find(w);
    if (it != abbrev.end()) {
      for (const Word& e : it->second) words.push_back(e);
    } else {
      words.push_back(std::move(w));
    }
  }
  // A typo of a kind-of-school word is that word ("Primry" → primary), so that it keeps its low
  // weight and pairs like the word it stands for (rule 3 pairs generic words among themselves).
  for (Word& w : words) {
    if (w.size() < kMinTypoLetters || w == U"school" || generic_words().count(w)) continue;
    for (const Word& g : generic_list())
      if (word_score(w, g) > 0) {
        w = g;
        break;
      }
  }
  std::erase_if(words, [](const Word& w) { return w == U"school" || w == U"the"; });
  return words;
}

// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring),
// O(|a| · |b|); both lengths are at most kMaxTypoLetters (the caller checks).
std::size_t osa_distance(const Word& a, const Word& b) {
  const std::size_t n = a.size(), m = b.size();
  std::size_t rows[3][kMaxTypoLetters + 1];
  std::size_t* prev2 = rows[0];
  std::size_t* prev = rows[1];
  std::size_t* cur = rows[2];
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::size_t* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

std::size_t allowed_edits(std::size_t longer) { return longer <= 8 ? 1 : 2; }

// Score of two words (names.hpp, rule 3): 1 equal, 1 − 0.5 · edits / letters for a typo, else 0.
double word_score(const Word& a, const Word& b) {
  if (a == b) return 1.0;
  const std::size_t shorter = std::min(a.size(), b.size());
  const std::size_t longer = std::max(a.size(), b.size());
  if (shorter < kMinTypoLetters || longer > kMaxTypoLetters) return 0.0;
  const std::size_t k = allowed_edits(longer);
  if (longer - shorter > k) return 0.0;
  const std::size_t d = osa_distance(a, b);
  if (d > k) return 0.0;
  return 1.0 - 0.5 * static_cast<double>(d) / static_cast<double>(longer);
}

// A name's words with their weights and total weight, computed once per name.
struct Prepared {
  Words words;
  std::vector<double> weights;
  std::vector<int> kinds;
  double total = 0;
  std::size_t generic = 0;  // words of weight kGenericWeight
};

Prepared prepare(Words words) {
  Prepared p;
  p.words = std::move(words);
  for (const Word& w : p.words) {
    p.weights.push_back(weight_of(w));
    p.kinds.push_back(kind_of(w));
    p.total += p.weights.back();
    if (p.weights.back() != 1.0) ++p.generic;
  }
  return p;
}

// a[i] followed by a[i + 1] spells `w`.
bool spells(const Words& a, std::size_t i, const Word& w) {
  const Word& x = a[i];
  const Word& y = a[i + 1];
  return w.size() == x.size() + y.size() && w.compare(0, x.size(), x) == 0 &&
         w.compare(x.size(), y.size(), y) == 0;
}

// Joins two adjacent words of `a` where together they spell a word of `b` (rule 1), or nullopt
// when there are none (the usual case: no copy made).
std::optional<Prepared> join_split_words(const Prepared& a, const Prepared& b) {
  auto joins_at = [&](std::size_t i) {
    if (i + 1 >= a.words.size()) return false;
    for (const Word& w : b.words)
      if (spells(a.words, i, w)) return true;
    return false;
  };
  bool any = false;
  for (std::size_t i = 0; i + 1 < a.words.size() && !any; ++i) any = joins_at(i);
  if (!any) return std::nullopt;
  Words out;
  for (std::size_t i = 0; i < a.words.size(); ++i) {
    if (joins_at(i)) {
      out.push_back(a.words[i] + a.words[i + 1]);
      ++i;
    } else {
      out.push_back(a.words[i]);
    }
  }
  return prepare(std::move(out));
}

double score_prepared(const Prepared& a0, const Prepared& b0) {
  const std::optional<Prepared> ja = join_split_words(a0, b0);
  const Prepared& a = ja ? *ja : a0;
  const std::optional<Prepared> jb = join_split_words(b0, a);
  const Prepared& b = jb ? *jb : b0;
  const double total = a.total + b.total;
  if (total <= 0) return 0.0;

  struct Pair {
    double score;
    std::uint32_t i, j;
  };
  Pair pairs[64];
  std::vector<Pair> many;  // only for names of more than 8 words on a side
  const bool small = a.words.size() * b.words.size() <= 64;
  std::size_t count = 0;
  for (std::size_t i = 0; i < a.words.size(); ++i) {
    for (std::size_t j = 0; j < b.words.size(); ++j) {
      if (a.weights[i] != b.weights[j]) continue;  // generic words pair among themselves
      if (const double s = word_score(a.words[i], b.words[j]); s > 0) {
        const Pair p{s, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
        if (small) {
          pairs[count++] = p;
        } else {
          many.push_back(p);
        }
      }
    }
  }
  Pair* begin = small ? pairs : many.data();
  Pair* end = small ? pairs + count : many.data() + many.size();
  std::stable_sort(begin, end, [](const Pair& x, const Pair& y) { return x.score > y.score; });
  std::vector<bool> used_a(a.words.size()), used_b(b.words.size());
  double matched = 0;
  for (const Pair* p = begin; p != end; ++p) {
    if (used_a[p->i] || used_b[p->j]) continue;
    used_a[p->i] = used_b[p->j] = true;
    matched += p->score * (a.weights[p->i] + b.weights[p->j]);
  }
  double score = matched / total;

  unsigned kinds_a = 0, kinds_b = 0;
  for (std::size_t i = 0; i < a.words.size(); ++i)
    if (!used_a[i]) kinds_a |= 1u << a.kinds[i];
  for (std::size_t j = 0; j < b.words.size(); ++j)
    if (!used_b[j]) kinds_b |= 1u << b.kinds[j];
  kinds_a &= ~1u;  // bit 0: words of no kind
  kinds_b &= ~1u;
  if (kinds_a != 0 && kinds_b != 0 && (kinds_a & kinds_b) == 0) score *= 0.5;
  return std::clamp(score, 0.0, 1.0);
}

// Every string made from `w` by deleting up to two letters (w itself included).
void deletions(const Word& w, std::unordered_set<Word>& out) {
  out.insert(w);
  for (std::size_t i = 0; i < w.size(); ++i) {
    Word d1 = w;
    d1.erase(i, 1);
    out.insert(d1);
    for (std::size_t j = i; j < d1.size(); ++j) {
      Word d2 = d1;
      d2.erase(j, 1);
      out.insert(std::move(d2));
    }
  }
}

}  // namespace

std::string normalise(std::string_view text) { return join(normalise_words(text)); }

double similarity(std::string_view a, std::string_view b) {
  return score_prepared(prepare(normalise_words(a)), prepare(normalise_words(b)));
}

std::string_view to_string(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact_name: return "exact name";
    case MatchKind::similar: return "similar";
    case MatchKind::ambiguous: return "ambiguous";
    case MatchKind::unmatched: return "unmatched";
  }
  return "unmatched";
}

struct NameIndex::Impl {
  std::vector<RegisterName> entries;
  std::vector<Prepared> words;                                  // per entry
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;  // normalised → entries
  std::unordered_map<Word, std::size_t> vocabulary;             // distinctive word → id
  std::vector<Word> vocabulary_words;                           // id → word
  std::vector<std::vector<std::size_t>> postings;               // word id → entries
  std::unordered_map<Word, std::vector<std::size_t>> by_deletion;  // deletion → word ids

  void add_posting(const Word& w, std::size_t entry) {
    auto [it, inserted] = vocabulary.try_emplace(w, postings.size());
    if (inserted) {
      postings.emplace_back();
      vocabulary_words.push_back(w);
    }
    auto& list = postings[it->second];
    if (list.empty() || list.back() != entry) list.push_back(entry);
  }

  // The entries sharing a distinctive word (or a typo of one, or a split/joined form) with `q`.
  // The entries sharing a distinctive word (or a typo of one, or a split or joined form) with
  // `q`, each with the number of query words that hit it (kJoined: reached by a join or split,
  // never pruned).
  static constexpr std::size_t kJoined = std::numeric_limits<std::size_t>::max();
  std::vector<std::pair<std::size_t, std::size_t>> candidates(const Words& q) const {
    std::vector<std::pair<std::size_t, std::size_t>> hits;  // (entry, query word or kJoined)
    auto add = [&](std::size_t id, std::size_t i) {
      for (std::size_t e : postings[id]) hits.emplace_back(e, i);
    };
    auto exact_word = [&](const Word& w, std::size_t i) {
      if (const auto it = vocabulary.find(w); it != vocabulary.end()) add(it->second, i);
    };
    std::unordered_set<Word> dels;
    std::vector<std::size_t> near;
    for (std::size_t i = 0; i < q.size(); ++i) {
      const Word& w = q[i];
      const bool known = vocabulary.count(w) != 0;
      exact_word(w, i);
      if (i + 1 < q.size()) exact_word(w + q[i + 1], kJoined);
      if (w.size() > kMaxTypoLetters) continue;
      for (std::size_t cut = 1; cut < w.size(); ++cut) {
        const auto left = vocabulary.find(w.substr(0, cut));
        if (left == vocabulary.end()) continue;
        if (const auto right = vocabulary.find(w.substr(cut)); right != vocabulary.end()) {
          add(left->second, kJoined);
          add(right->second, kJoined);
        }
      }
      // A word the register itself uses is taken as typed: its typo neighbours are not looked
      // up (an exact word outscores them, and this keeps matching fast).
      if (known || w.size() < kMinTypoLetters) continue;
      dels.clear();
      deletions(w, dels);
      near.clear();
      for (const Word& d : dels)
        if (const auto it = by_deletion.find(d); it != by_deletion.end())
          near.insert(near.end(), it->second.begin(), it->second.end());
      std::sort(near.begin(), near.end());
      near.erase(std::unique(near.begin(), near.end()), near.end());
      for (std::size_t id : near)
        if (word_score(w, vocabulary_words[id]) > 0) add(id, i);
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::pair<std::size_t, std::size_t>> out;  // (entry, distinct words or kJoined)
    for (std::size_t k = 0; k < hits.size();) {
      const std::size_t e = hits[k].first;
      std::size_t words_hit = 0;
      bool joined = false;
      for (std::size_t last = kJoined - 1; k < hits.size() && hits[k].first == e; ++k) {
        if (hits[k].second == kJoined) {
          joined = true;
        } else if (hits[k].second != last) {
          ++words_hit;
          last = hits[k].second;
        }
      }
      out.emplace_back(e, joined ? kJoined : words_hit);
    }
    return out;
  }

  std::vector<Candidate> scored(const Words& q) const {
    std::vector<Candidate> out;
    const Prepared pq = prepare(q);
    for (const auto& [e, hit] : candidates(q)) {
      // The best score this entry could reach: each query word it shares pairs for weight 2,
      // generic words pair only among themselves (rule 3). Below the floor: not scored.
      const Prepared& pe = words[e];
      if (hit != kJoined) {
        const double bound =
            (2.0 * static_cast<double>(hit) +
             2 * kGenericWeight * static_cast<double>(std::min(pq.generic, pe.generic))) /
            (pq.total + pe.total);
        if (bound + 1e-9 < kCandidateScore) continue;
      }
      const double s = score_prepared(pq, pe);
      if (s >= kCandidateScore) out.push_back({e, s});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
    return out;
  }
};

NameIndex::NameIndex(std::vector<RegisterName> entries) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.entries = std::move(entries);
  m.words.reserve(m.entries.size());
  for (std::size_t e = 0; e < m.entries.size(); ++e) {
    Words w = normalise_words(m.entries[e].name);
    m.by_name[join(w)].push_back(e);
    for (const Word& word : w)
      if (weight_of(word) == 1.0) m.add_posting(word, e);
    // Generic words index too when a name has nothing else ("Primary School"), so that it can
    // still be found.
    if (std::all_of(w.begin(), w.end(), [](const Word& x) { return weight_of(x) != 1.0; }))
      for (const Word& word : w) m.add_posting(word, e);
    m.words.push_back(prepare(std::move(w)));
  }
  std::unordered_set<Word> dels;
  for (const auto& [word, id] : m.vocabulary) {
    if (word.size() < kMinTypoLetters || word.size() > kMaxTypoLetters) continue;
    dels.clear();
    deletions(word, dels);
    for (const Word& d : dels) m.by_deletion[d].push_back(id);
  }
  for (auto& [d, ids] : m.by_deletion) std::sort(ids.begin(), ids.end());
}

NameIndex::~NameIndex() = default;
NameIndex::NameIndex(NameIndex&&) noexcept = default;
NameIndex& NameIndex::operator=(NameIndex&&) noexcept = default;

std::size_t NameIndex::size() const { return impl_->entries.size(); }
const RegisterName& NameIndex::entry(std::size_t i) const { return impl_->entries.at(i); }

std::vector<Candidate> NameIndex::suggest(std::string_view typed, std::size_t count) const {
  std::vector<Candidate> all = impl_->scored(normalise_words(typed));
  if (all.size() > count) all.resize(count);
  return all;
}

NameMatch NameIndex::match(std::string_view typed, std::string_view authority) const {
  const Impl& m = *impl_;
  const Words q = normalise_words(typed);
  NameMatch result;
  std::vector<Candidate> all = m.scored(q);
  result.candidates.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(
                                                          std::min<std::size_t>(3, all.size())));
  if (q.empty()) return result;

  // Step 3: the normalised name equal to exactly one register name's.
  if (const auto it = m.by_name.find(join(q)); it != m.by_name.end() && it->second.size() == 1) {
    result.kind = MatchKind::exact_name;
    result.entry = it->second.front();
    result.score = 1.0;
    return result;
  }
  if (all.empty()) return result;
  // Step 4: similarity, with a margin over the next name; the respondent's own authority
  // decides among names within the margin of the best.
  constexpr double eps = 1e-9;
  const Candidate best = all.front();
  result.score = best.score;
  if (best.score + eps < kMatchScore) {
    if (best.score + eps >= kAmbiguousScore) result.kind = MatchKind::ambiguous;
    return result;
  }
  if (all.size() == 1 || all[1].score <= best.score - kMatchMargin + eps) {
    result.kind = MatchKind::similar;
    result.entry = best.entry;
    return result;
  }
  if (!authority.empty()) {
    std::vector<Candidate> own;
    for (const Candidate& c : all)
      if (c.score + kMatchMargin + eps >= best.score && c.score + eps >= kMatchScore &&
          m.entries[c.entry].authority == authority)
        own.push_back(c);
    if (own.size() == 1) {
      result.kind = MatchKind::similar;
      result.entry = own.front().entry;
      result.score = own.front().score;
      return result;
    }
  }
  result.kind = MatchKind::ambiguous;
  return result;
}

}  // namespace collabnet::names
