#include "exam/item_analysis.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace qkv::exam {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& file, std::string pointer, std::string message) {
  Diagnostic d;
  d.file = file;
  d.pointer = std::move(pointer);
  d.message = std::move(message);
  throw Error(Exit::data, std::vector<Diagnostic>{d});
}

const char* kind_of(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

// Typed access to the members of one object of the report, naming the pointer on a mismatch.
struct Fields {
  const json& obj;
  std::string pointer;
  const std::string& file;

  const json& get(const char* key) const {
    const auto it = obj.find(key);
    if (it == obj.end()) bad(file, pointer, std::string("missing \"") + key + "\"");
    return *it;
  }
  std::string at(const char* key) const { return pointer + "/" + key; }
  std::string str(const char* key) const {
    const json& v = get(key);
    if (!v.is_string()) bad(file, at(key), std::string("expected a string, found ") + kind_of(v));
    return v.get<std::string>();
  }
  // A string or null (null reads as "").
  std::string str_or_null(const char* key) const {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string())
      bad(file, at(key), std::string("expected a string or null, found ") + kind_of(*it));
    return it->get<std::string>();
  }
  bool boolean(const char* key) const {
    const json& v = get(key);
    if (!v.is_boolean())
      bad(file, at(key), std::string("expected true or false, found ") + kind_of(v));
    return v.get<bool>();
  }
  double number(const char* key, double lo, double hi) const {
    const json& v = get(key);
    if (!v.is_number()) bad(file, at(key), std::string("expected a number, found ") + kind_of(v));
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi) {
      char buf[120];
      std::snprintf(buf, sizeof buf, "%g is outside %g..%g", x, lo, hi);
      bad(file, at(key), buf);
    }
    return x;
  }
  std::size_t count(const char* key) const {
    const json& v = get(key);
    if (!v.is_number_integer() || v.get<long long>() < 0)
      bad(file, at(key),
          "expected a whole number >= 0, found " +
              (v.is_number() ? v.dump() : std::string(kind_of(v))));
    return v.get<std::size_t>();
  }
  const json& array(const char* key) const {
    const json& v = get(key);
    if (!v.is_array()) bad(file, at(key), std::string("expected an array, found ") + kind_of(v));
    return v;
  }
  const json& object(const char* key) const {
    const json& v = get(key);
    if (!v.is_object()) bad(file, at(key), std::string("expected an object, found ") + kind_of(v));
    return v;
  }
};

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

double mean(const std::vector<double>& xs) {
  double s = 0.0;
  for (double x : xs) s += x;
  return xs.empty() ? 0.0 : s / static_cast<double>(xs.size());
}

// Sample standard deviation (n - 1); nullopt for fewer than two values.
std::optional<double> sample_sd(const std::vector<double>& xs) {
  if (xs.size() < 2) return std::nullopt;
  const double m = mean(xs);
  double ss = 0.0;
  for (double x : xs) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

// Pearson correlation; nullopt when either side has (next to) no variance.
std::optional<double> pearson(const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.size() < 2) return std::nullopt;
  const double mx = mean(xs), my = mean(ys);
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  constexpr double kTiny = 1e-12;
  if (sxx <= kTiny || syy <= kTiny) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

bool is_choice(const std::string& type) {
  return type == "single" || type == "multi" || type == "true_false";
}

void flag_item(ItemStats& it, const FlagRules& rules) {
  if (it.attempts == 0) return;
  bool facility_flag = false;
  if (it.facility < rules.facility_low) {
    it.flags.push_back({"too_hard", "facility " + fmt(it.facility) + " is under " +
                                        fmt(rules.facility_low) +
                                        ": few learners got it; check the key and the wording"});
    facility_flag = true;
  } else if (it.facility > rules.facility_high) {
    it.flags.push_back(
        {"too_easy", "facility " + fmt(it.facility) + " is over " + fmt(rules.facility_high) +
                         ": nearly everyone got it; it tells learners apart little"});
    facility_flag = true;
  }
  if (it.discrimination) {
    if (*it.discrimination < rules.discrimination_low)
      it.flags.push_back(
          {"low_discrimination",
           "discrimination " + fmt(*it.discrimination) + " is under " +
               fmt(rules.discrimination_low) +
               (*it.discrimination < 0
                    ? ": learners who did worse on the rest of the paper did better on this one; "
                      "check the key"
                    : ": it does not separate stronger from weaker learners")});
  } else if (it.attempts >= 2 && !facility_flag) {
    it.flags.push_back({"no_discrimination",
                        "no discrimination index: the scores on it (or on the rest of the paper) "
                        "do not vary, so it does not separate learners"});
  }
  if (it.answered > 0) {
    for (std::size_t i = 0; i < it.options.size(); ++i) {
      const auto& o = it.options[i];
      if (!o.correct && o.chosen == 0)
        it.flags.push_back({"unchosen_distractor", "distractor " + std::to_string(i + 1) + " (\"" +
                                                       o.text + "\") was chosen by nobody"});
    }
  }
}

ExamAnalysis analyse_group(const std::vector<const Sitting*>& group, const FlagRules& rules) {
  ExamAnalysis a;
  a.exam = group.front()->exam;
  a.title = group.front()->title;
  a.packs = group.front()->packs;
  a.learners = group.size();

  // Per question: the item score and the rest of the paper of every sitting that held it.
  struct Acc {
    std::vector<double> scores, rests;
  };
  std::map<std::string, std::size_t> index;
  std::vector<Acc> acc;
  std::vector<double> percents;
  std::map<std::string, std::size_t> concept_index;
  std::vector<std::vector<double>> concept_percents;

  for (const Sitting* s : group) {
    const double percent = s->total ? 100.0 * s->score / static_cast<double>(s->total) : 0.0;
    a.by_learner.push_back({s->learner, s->score, s->total, percent, s->passed});
    percents.push_back(percent);
    for (const auto& q : s->questions) {
      auto [where, fresh] = index.try_emplace(q.id, a.items.size());
      if (fresh) {
        ItemStats it;
        it.id = q.id;
        it.type = q.type;
        it.concepts = q.concepts;
        it.max_points = q.max_points;
        for (const auto& o : q.options) it.options.push_back({o.text, o.correct, 0, 0.0});
        a.items.push_back(std::move(it));
        acc.emplace_back();
      }
      ItemStats& it = a.items[where->second];
      ++it.attempts;
      if (q.answered) {
        ++it.answered;
        for (std::size_t i = 0; i < q.options.size() && i < it.options.size(); ++i)
          if (q.options[i].chosen) ++it.options[i].chosen;
      }
      acc[where->second].scores.push_back(q.points);
      acc[where->second].rests.push_back(s->score - q.points);
    }
    for (const auto& c : s->concepts) {
      auto [where, fresh] = concept_index.try_emplace(c.id, a.by_concept.size());
      if (fresh) {
        a.by_concept.push_back({c.id, c.name, 0, 0.0});
        concept_percents.emplace_back();
      }
      if (c.questions)
        concept_percents[where->second].push_back(100.0 * c.points /
                                                  static_cast<double>(c.questions));
    }
  }
  a.mean_percent = mean(percents);
  a.sd_percent = sample_sd(percents);
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    ItemStats& it = a.items[i];
    it.mean_points = mean(acc[i].scores);
    it.facility = it.max_points > 0 ? it.mean_points / it.max_points : 0.0;
    if (auto sd = sample_sd(acc[i].scores)) it.sd = *sd / it.max_points;
    it.discrimination = pearson(acc[i].scores, acc[i].rests);
    for (auto& o : it.options)
      o.share =
          it.answered ? static_cast<double>(o.chosen) / static_cast<double>(it.answered) : 0.0;
    flag_item(it, rules);
  }
  for (std::size_t i = 0; i < a.by_concept.size(); ++i) {
    a.by_concept[i].learners = concept_percents[i].size();
    a.by_concept[i].mean_percent = mean(concept_percents[i]);
  }
  return a;
}

}  // namespace

Sitting read_sitting(const json& report, const std::string& learner) {
  if (!report.is_object())
    bad(learner, "",
        std::string("not a qkv exam report: the document is ") + kind_of(report) +
            ", not an object");
  const auto fmt_it = report.find("format");
  if (fmt_it == report.end() || !fmt_it->is_string())
    bad(learner, "",
        std::string("not a qkv exam report (no \"format\": \"") + kExamReportFormat +
            "\"; write one with qkv exam --report FILE.json)");
  const std::string format = fmt_it->get<std::string>();
  constexpr std::string_view kPrefix = "qkv-exam-report/";
  if (format.rfind(kPrefix, 0) != 0)
    bad(learner, "/format",
        "not a qkv exam report: \"format\" is \"" + format + "\", not \"" + kExamReportFormat +
            "\"");
  if (format != kExamReportFormat)
    bad(learner, "/format",
        "a report of another version (\"" + format + "\"); this qkv reads \"" + kExamReportFormat +
            "\"");

  const Fields top{report, "", learner};
  Sitting s;
  s.learner = learner;
  s.exam = top.str_or_null("exam");
  s.title = top.str_or_null("title");
  s.total = top.count("total");
  s.score = top.number("score", 0.0, static_cast<double>(s.total));
  s.pass_mark = top.number("pass_mark", 0.0, 100.0);
  s.passed = top.boolean("passed");
  const json& packs = top.object("packs");
  for (auto it = packs.begin(); it != packs.end(); ++it) {
    if (!it.value().is_string())
      bad(learner, "/packs/" + it.key(),
          std::string("expected a version string, found ") + kind_of(it.value()));
    s.packs[it.key()] = it.value().get<std::string>();
  }

  const json& questions = top.array("questions");
  if (questions.size() != s.total)
    bad(learner, "/questions",
        std::to_string(questions.size()) + " questions, but \"total\" says " +
            std::to_string(s.total));
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const std::string ptr = "/questions/" + std::to_string(i);
    if (!questions[i].is_object())
      bad(learner, ptr, std::string("expected an object, found ") + kind_of(questions[i]));
    const Fields f{questions[i], ptr, learner};
    SittingQuestion q;
    q.id = f.str("id");
    q.type = f.str("type");
    q.answered = f.boolean("answered");
    q.points = f.number("points", 0.0, 1.0);
    for (std::size_t k = 0; k < f.array("concepts").size(); ++k) {
      const json& c = f.array("concepts")[k];
      if (!c.is_string())
        bad(learner, ptr + "/concepts/" + std::to_string(k),
            std::string("expected a concept id, found ") + kind_of(c));
      q.concepts.push_back(c.get<std::string>());
    }
    if (is_choice(q.type)) {
      const json& opts = f.array("options");
      for (std::size_t k = 0; k < opts.size(); ++k) {
        const std::string optr = ptr + "/options/" + std::to_string(k);
        if (!opts[k].is_object())
          bad(learner, optr, std::string("expected an object, found ") + kind_of(opts[k]));
        const Fields o{opts[k], optr, learner};
        q.options.push_back({o.str("text"), o.boolean("correct"), o.boolean("chosen")});
      }
    }
    s.questions.push_back(std::move(q));
  }

  const json& concepts = top.object("by_concept");
  for (auto it = concepts.begin(); it != concepts.end(); ++it) {
    const std::string ptr = "/by_concept/" + it.key();
    if (!it.value().is_object())
      bad(learner, ptr, std::string("expected an object, found ") + kind_of(it.value()));
    const Fields f{it.value(), ptr, learner};
    SittingConcept c;
    c.id = it.key();
    c.name = f.str("name");
    c.questions = f.count("questions");
    c.points = f.number("points", 0.0, static_cast<double>(c.questions));
    s.concepts.push_back(std::move(c));
  }
  return s;
}

std::vector<ExamAnalysis> analyse(const std::vector<Sitting>& sittings, const FlagRules& rules) {
  std::vector<std::pair<std::pair<std::string, std::map<std::string, std::string>>,
                        std::vector<const Sitting*>>>
      groups;
  for (const auto& s : sittings) {
    auto key = std::make_pair(s.exam, s.packs);
    auto it = groups.begin();
    while (it != groups.end() && it->first != key) ++it;
    if (it == groups.end()) {
      groups.push_back({std::move(key), {}});
      it = std::prev(groups.end());
    }
    it->second.push_back(&s);
  }
  std::vector<ExamAnalysis> out;
  for (const auto& g : groups) out.push_back(analyse_group(g.second, rules));
  return out;
}

std::string group_name(const ExamAnalysis& a) {
  std::string packs;
  for (const auto& [id, version] : a.packs)
    packs += (packs.empty() ? "" : ", ") + id + (version.empty() ? "" : " " + version);
  return (a.exam.empty() ? std::string("papers drawn from the bank") : a.exam) + " (" + packs + ")";
}

}  // namespace qkv::exam
