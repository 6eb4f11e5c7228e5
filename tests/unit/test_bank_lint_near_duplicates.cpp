// Lint's near-duplicate check skips pairs it can prove dissimilar (a similarity join with prefix
// and position filters). Here it is compared with the obvious all-pairs check, written again from
// the rule alone: 3-word shingles of the lower-case ASCII words, none for prompts of fewer than 5
// words, and Jaccard similarity strictly above the threshold.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bank/lint.hpp"

using qkv::bank::near_duplicates;

namespace {

std::set<std::string> shingle_set(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  for (const char ch : text + " ") {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && (std::isalnum(c) || c == '_')) {
      w += static_cast<char>(std::tolower(c));
    } else if (!w.empty()) {
      words.push_back(w);
      w.clear();
    }
  }
  std::set<std::string> out;
  if (words.size() < 5) return out;
  for (std::size_t i = 0; i + 3 <= words.size(); ++i)
    out.insert(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
  return out;
}

using Pair = std::tuple<std::size_t, std::size_t, double>;

// Every pair of prompts that both have shingles, with its similarity, in the order the join
// reports them (by the later prompt, then the earlier).
std::vector<Pair> all_pairs(const std::vector<std::string>& prompts) {
  std::vector<std::vector<std::string>> sets;  // sorted, unique
  for (const auto& p : prompts) {
    const auto s = shingle_set(p);
    sets.emplace_back(s.begin(), s.end());
  }
  std::vector<Pair> out;
  for (std::size_t b = 1; b < prompts.size(); ++b)
    for (std::size_t a = 0; a < b; ++a) {
      if (sets[a].empty() || sets[b].empty()) continue;
      std::vector<std::string> common;
      std::set_intersection(sets[a].begin(), sets[a].end(), sets[b].begin(), sets[b].end(),
                            std::back_inserter(common));
      const double sim = static_cast<double>(common.size()) /
                         static_cast<double>(sets[a].size() + sets[b].size() - common.size());
      out.emplace_back(a, b, sim);
    }
  return out;
}

std::vector<Pair> above(const std::vector<Pair>& pairs, double threshold) {
  std::vector<Pair> out;
  for (const auto& p : pairs)
    if (std::get<2>(p) > threshold) out.push_back(p);
  return out;
}

std::vector<Pair> fast(const std::vector<std::string>& prompts, double threshold) {
  std::vector<std::string_view> views(prompts.begin(), prompts.end());
  std::vector<Pair> out;
  for (const auto& d : near_duplicates(views, threshold))
    out.emplace_back(d.first, d.second, d.similarity);
  return out;
}

// Prompts of 1 to 30 words from a small vocabulary (so that shingles repeat across prompts), a
// third of them edited copies of an earlier one (a word changed, added or dropped; spacing and
// case changed), and a run of templated prompts that are exactly 50 % similar to each other, as
// bench/gen_interchange.py writes them.
std::vector<std::string> generated_prompts(unsigned seed, std::size_t n) {
  const std::vector<std::string> vocab = {"query", "key",     "value", "softmax", "score",
                                          "the",   "of",      "a",     "mask",    "head",
                                          "row",   "weights", "d_k",   "Q·K",     "token"};
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  std::vector<std::vector<std::string>> words;
  std::vector<std::string> prompts;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> w;
    if (i % 10 == 9) {
      for (const char* s : {"Question", "", "which", "of", "these", "is", "right", "about",
                            "attention", "step", ""})
        w.emplace_back(s);
      w[1] = w[10] = std::to_string(i);
    } else if (!words.empty() && pick(3) == 0) {
      w = words[pick(words.size())];
      for (std::size_t edits = 1 + pick(3); edits > 0; --edits) {
        const std::size_t at = pick(w.size() + 1);
        switch (pick(3)) {
          case 0:
            if (at < w.size()) w[at] = vocab[pick(vocab.size())];
            break;
          case 1:
            w.insert(w.begin() + static_cast<long>(at), vocab[pick(vocab.size())]);
            break;
          default:
            if (at < w.size() && w.size() > 1) w.erase(w.begin() + static_cast<long>(at));
        }
      }
    } else {
      for (std::size_t k = 1 + pick(30); k > 0; --k) w.push_back(vocab[pick(vocab.size())]);
    }
    std::string text;
    for (std::size_t k = 0; k < w.size(); ++k) {
      std::string word = w[k];
      if (pick(8) == 0 && !word.empty()) word[0] = static_cast<char>(std::toupper(word[0]));
      text += (k ? (pick(6) == 0 ? ",  " : " ") : "") + word;
    }
    words.push_back(w);
    prompts.push_back(text + "?");
  }
  return prompts;
}

}  // namespace

TEST_CASE("the near-duplicate join finds exactly the pairs an all-pairs check finds") {
  for (const unsigned seed : {1u, 2u, 3u}) {
    const auto prompts = generated_prompts(seed, 500);
    const auto every = all_pairs(prompts);
    for (const double threshold : {0.0, 0.2, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0}) {
      CAPTURE(seed);
      CAPTURE(threshold);
      const auto expected = above(every, threshold);
      const auto got = fast(prompts, threshold);
      CHECK(got == expected);
      if (threshold == 0.5) CHECK(expected.size() > 50);  // the pack does have near-duplicates
    }
  }
}

TEST_CASE("near-duplicates at exactly the threshold are not reported, just above it they are") {
  // 9 shingles each, 6 shared: similarity 6/12 = 0.5.
  const std::vector<std::string> prompts = {
      "Question 1: which of these is right about attention step 1?",
      "Question 2: which of these is right about attention step 2?",
      "Question 3: which of these is right about attention step 3?"};
  CHECK(fast(prompts, 0.5).empty());
  const auto pairs = fast(prompts, 0.49);
  REQUIRE(pairs.size() == 3);
  CHECK(pairs[0] == Pair{0, 1, 0.5});
  CHECK(pairs[1] == Pair{0, 2, 0.5});
  CHECK(pairs[2] == Pair{1, 2, 0.5});
  CHECK(fast(prompts, 1.5).empty());
  CHECK(fast(prompts, -1.0).size() == 3);
}
