#include "bank/pack_checks.hpp"

#include <unordered_map>

#include "bank/exam_defs.hpp"
#include "core/suggest.hpp"

namespace qkv::bank {

namespace {

void error(DiagnosticLog& log, const SourceLoc& loc, const std::string& suffix,
           std::string message) {
  log.add(make_error(loc.file, loc.pointer + suffix, std::move(message)));
}

std::string undefined_message(const std::string& id, const std::vector<std::string>& defined) {
  return undefined_concept_message(id, defined, "; add it to \"concepts\" or fix the id");
}

// Finds cycles in the prerequisite graph with an iterative depth-first search (a chain of
// thousands of concepts cannot overflow the stack). Each back edge closes one cycle, which is
// reported at the prerequisite entry that closes it.
void check_cycles(const Pack& pack, const std::unordered_map<std::string, std::size_t>& index,
                  DiagnosticLog& log) {
  const std::size_t n = pack.concepts.size();
  enum class Mark : unsigned char { unvisited, open, done };
  std::vector<Mark> mark(n, Mark::unvisited);
  struct Step {
    std::size_t concept_index;
    std::size_t next_prerequisite;
  };
  std::vector<Step> path;
  for (std::size_t start = 0; start < n; ++start) {
    if (mark[start] != Mark::unvisited) continue;
    path.push_back({start, 0});
    mark[start] = Mark::open;
    while (!path.empty()) {
      Step& top = path.back();
      const Concept& c = pack.concepts[top.concept_index];
      if (top.next_prerequisite == c.prerequisites.size()) {
        mark[top.concept_index] = Mark::done;
        path.pop_back();
        continue;
      }
      const std::size_t k = top.next_prerequisite++;
      const auto it = index.find(c.prerequisites[k]);
      if (it == index.end()) continue;
      const std::size_t next = it->second;
      if (mark[next] == Mark::open) {
        std::string cycle;
        std::size_t from = path.size();
        while (from > 0 && path[from - 1].concept_index != next) --from;
        for (std::size_t i = from - 1; i < path.size(); ++i)
          cycle += pack.concepts[path[i].concept_index].id + " -> ";
        cycle += pack.concepts[next].id;
        error(log, c.loc, "/prerequisites/" + std::to_string(k),
              "prerequisites form a cycle: " + cycle +
                  " (each needs the next first); a concept cannot come before itself");
      } else if (mark[next] == Mark::unvisited) {
        mark[next] = Mark::open;
        path.push_back({next, 0});
      }
    }
  }
}

}  // namespace

void check_pack(const Pack& pack, DiagnosticLog& log) {
  std::unordered_map<std::string, std::size_t> concept_index;
  std::vector<std::string> defined;
  for (std::size_t i = 0; i < pack.concepts.size(); ++i) {
    const Concept& c = pack.concepts[i];
    if (c.id.empty()) continue;
    auto [it, fresh] = concept_index.emplace(c.id, i);
    if (fresh) {
      defined.push_back(c.id);
    } else {
      error(log, c.loc, "/id",
            "duplicate concept id \"" + c.id + "\"; first defined at " +
                where_defined(pack.concepts[it->second].loc));
    }
  }
  for (const Concept& c : pack.concepts)
    for (std::size_t k = 0; k < c.prerequisites.size(); ++k)
      if (!concept_index.count(c.prerequisites[k]))
        error(log, c.loc, "/prerequisites/" + std::to_string(k),
              "prerequisite " + undefined_message(c.prerequisites[k], defined));
  check_cycles(pack, concept_index, log);

  std::unordered_map<std::string, std::size_t> question_index;
  for (std::size_t i = 0; i < pack.questions.size(); ++i) {
    const Question& q = pack.questions[i];
    if (!q.id.empty()) {
      auto [it, fresh] = question_index.emplace(q.id, i);
      if (!fresh)
        error(log, q.loc, "/id",
              "duplicate question id \"" + q.id + "\"; first defined at " +
                  where_defined(pack.questions[it->second].loc));
    }
    for (std::size_t k = 0; k < q.concepts.size(); ++k)
      if (!concept_index.count(q.concepts[k]))
        error(log, q.loc, "/concepts/" + std::to_string(k),
              undefined_message(q.concepts[k], defined));
  }
  check_exams(pack, log);
}

}  // namespace qkv::bank
